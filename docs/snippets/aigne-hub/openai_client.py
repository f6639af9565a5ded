import os

from openai import APIStatusError, OpenAI

client = OpenAI(
    base_url="https://your-aigne-hub-url/api/v1",
    api_key=os.environ["AIGNE_HUB_API_KEY"],
)

try:
    completion = client.chat.completions.create(
        model="aignehub/gpt-3.5-turbo",
        messages=[{"role": "user", "content": "Hello!"}],
    )
    print(completion.choices[0].message.content)
except APIStatusError as e:
    # AIGNE Hub's error body is {"error": "<reason>"}: the SDK puts the reason in e.body.
    print(e.status_code, e.body)
