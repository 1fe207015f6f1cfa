"""The Alexa adapter: ask-sdk-core handlers that translate to and from the conversation core."""
