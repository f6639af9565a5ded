const BASE_URL = "https://api.maiagent.ai/api/v1";

// No Authorization header: the API answers 401.
const response = await fetch(`${BASE_URL}/chatbots/`);
console.log(response.status);
console.log(JSON.stringify(await response.json(), null, 2));
