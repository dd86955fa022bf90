from .prod import ProductionConfig
