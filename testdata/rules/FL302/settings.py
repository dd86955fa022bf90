class Config:
    CORS_ORIGINS = ["https://app.example.com", "http://0.0.0.0:4100"]
