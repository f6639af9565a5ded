import requests

# No key: this request sends no Authorization header.
response = requests.get(
    "https://api.maiagent.ai/api/v1/chatbots/",
    timeout=30,
)
print(response.status_code, response.reason)
print(response.text)
