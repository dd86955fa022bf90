from flask import Flask as Base


class App(Base):
    pass
