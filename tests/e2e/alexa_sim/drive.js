// Turns typed utterances into Alexa requests with virtual-alexa, using the skill's own
// interaction model file, and posts them to a running VoiceCart endpoint.
// Usage: node drive.js SCRIPT.json   (prints one JSON line per turn)
"use strict";
const fs = require("fs");
const va = require("virtual-alexa");

async function run(script) {
  for (const conversation of script.conversations) {
    const alexa = va.VirtualAlexa.Builder()
      .skillURL(script.url)
      .interactionModelFile(script.model)
      .applicationID(script.applicationId)
      .locale(script.locale || "en-US")
      .create();
    const person = conversation.personId;
    const device = conversation.deviceId;
    alexa.filter((request) => {
      if (person) { request.context.System.person = { personId: person }; }
      if (device) { request.context.System.device.deviceId = device; }
    });
    for (const step of conversation.steps) {
      let response;
      try {
        if (step.launch) {
          response = await alexa.launch();
        } else if (step.intent) {
          response = await alexa.intend(step.intent, step.slots || {});
        } else if (step.end) {
          response = await alexa.endSession();
        } else {
          response = await alexa.utter(step.say);
        }
      } catch (error) {
        console.log(JSON.stringify({ step, error: String(error) }));
        continue;
      }
      const out = (response && response.response) || {};
      const ssml = (out.outputSpeech && out.outputSpeech.ssml) || "";
      console.log(JSON.stringify({
        step,
        intent: (response && response.request && response.request.request.intent)
          ? response.request.request.intent.name : null,
        speech: ssml.replace(/<[^>]+>/g, ""),
        ended: Boolean(out.shouldEndSession),
        card: out.card || null,
      }));
    }
  }
}

run(JSON.parse(fs.readFileSync(process.argv[2], "utf8"))).catch((error) => {
  console.error(String(error && error.stack || error));
  process.exit(1);
});
