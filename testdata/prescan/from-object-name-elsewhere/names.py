base = "config"
