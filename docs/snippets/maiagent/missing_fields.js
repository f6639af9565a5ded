const apiKey = "YOUR_API_KEY"; // never commit a real key

const response = await fetch("https://api.maiagent.ai/api/v1/knowledge-bases/4b1f6c2e-8d3a-4e5f-9a7b-1c2d3e4f5a01/files/", {
  method: "POST",
  headers: { Authorization: `Api-Key ${apiKey}`, "Content-Type": "application/json" },
  body: JSON.stringify({}),
});
console.log(response.status, response.statusText);
console.log(await response.text());
