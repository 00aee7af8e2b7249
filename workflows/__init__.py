"""Every state machine of the app: declared on its model, fired and logged here.

The bottom of the layers: it knows no app, every app may use it.
"""
