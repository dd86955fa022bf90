from project import app

if __name__ == "__main__":
    print(app.name)
