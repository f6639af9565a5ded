import os

import requests

API_KEY = os.environ["AIGNE_HUB_API_KEY"]

response = requests.post(
    "https://your-aigne-hub-url/api/v1/chat/completions",
    headers={"Authorization": f"Bearer {API_KEY}"},
    json={
        "model": "aignehub/gpt-3.5-turbo",
        "messages": [
            {
                "role": "user",
                "content": "Hello!",
            },
        ],
    },
    timeout=30,
)
print(response.status_code, response.reason)
print(response.text)
