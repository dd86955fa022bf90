PRODUCTION = "config.ProductionConfig"
