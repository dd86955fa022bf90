from cyc_b import *  # noqa: F403
from cyc_b import *  # noqa: F403
from cyc_b import *  # noqa: F403
