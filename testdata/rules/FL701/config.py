import os
import secrets


class Config:
    SECRET_KEY = "s3cr3t-f0r-pr0d-use"  # want "FL701 hardcoded-secret-key: SECRET_KEY of app is the literal \"s3cr...\": anyone who reads the source can forge its session cookies$" level=error
    JWT_SECRET_KEY = os.environ["JWT_SECRET_KEY"]


class ProductionConfig(Config):
    SECRET_KEY = os.environ.get("SECRET_KEY", "change-me")  # want "FL701 .*SECRET_KEY falls back to the literal \"change-me\" when SECRET_KEY is not set" level=note


class DevelopmentConfig(Config):
    SECRET_KEY = "dev"


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "test"


class GeneratedConfig:
    SECRET_KEY = secrets.token_hex(32)
