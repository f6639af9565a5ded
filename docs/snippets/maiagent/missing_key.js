// No key: this request sends no Authorization header.
const response = await fetch("https://api.maiagent.ai/api/v1/chatbots/");
console.log(response.status, response.statusText);
console.log(await response.text());
