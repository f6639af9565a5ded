const apiKey = "YOUR_API_KEY"; // never commit a real key

const response = await fetch("https://api.maiagent.ai/api/v1/chatbots/?page=1&pageSize=2", {
  headers: { Authorization: `Api-Key ${apiKey}` },
});
console.log(response.status, response.statusText);
console.log(await response.text());
