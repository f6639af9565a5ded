const apiKey = process.env.MAIAGENT_API_KEY;

const response = await fetch("https://api.maiagent.ai/api/v1/chatbots/", {
  headers: { Authorization: `Api-Key ${apiKey}` },
});
console.log(response.status, response.statusText);
console.log(await response.text());
