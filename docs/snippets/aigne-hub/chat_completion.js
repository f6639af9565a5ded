const apiKey = "YOUR_API_KEY"; // never commit a real key

const response = await fetch("https://your-aigne-hub-url/api/v1/chat/completions", {
  method: "POST",
  headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
  body: JSON.stringify({
    "model": "aignehub/gpt-3.5-turbo",
    "messages": [
      {
        "role": "user",
        "content": "Hello!"
      }
    ]
  }),
});
console.log(response.status, response.statusText);
console.log(await response.text());
