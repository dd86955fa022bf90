from shop import shop

# A test that sets its own key does not change the deployed app's key.
shop.config.update(SECRET_KEY="test", TESTING=True)
