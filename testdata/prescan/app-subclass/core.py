from base import App

server = App(__name__)
