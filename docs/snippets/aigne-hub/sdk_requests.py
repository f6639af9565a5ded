import os

import requests

ORIGIN = "https://your-aigne-hub-url"  # the SDK keeps only the origin of its baseURL
AIGNE_HUB_DID = "z8ia3xzq2tMq8CRHfaXj1BTYJyYnEcHbqP8cJ"

# 1. Where AIGNE Hub is mounted on this origin.
blocklet = requests.get(ORIGIN + "/__blocklet__.js?type=json", timeout=30).json()
mount = next(c["mountPoint"] for c in blocklet["componentMountPoints"] if c["did"] == AIGNE_HUB_DID)
print(mount)

# 2. The chat request, in the envelope of the AIGNE framework.
response = requests.post(
    ORIGIN + mount.rstrip("/") + "/api/v2/chat",
    headers={
        "Authorization": f"Bearer {os.environ['AIGNE_HUB_API_KEY']}",
        "x-aigne-hub-client-did": "my-app",
    },
    json={
        "input": {
            "messages": [{"role": "user", "content": "Hello, AIGNE Hub!"}],
            "modelOptions": {"cacheConfig": {"autoBreakpoints": {"lastMessage": True}}, "model": "gpt-3.5-turbo"},
            "outputFileType": "url",
        },
        "agent": "$CHAT_MODEL",
        "options": {"userContext": {}, "memories": []},
    },
    timeout=30,
)
print(response.status_code)
print(response.text)
