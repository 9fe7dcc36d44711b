#!/usr/bin/env node
// Runs a CloudFront Function (viewer-request) locally, close to how CloudFront runs it.
//
//   node cloudfront-harness.js <function.js>  < events.json  > results.json
//
// stdin: a JSON array of viewer-request events. Each may be a full CloudFront event or a
// shorthand; missing parts are filled in so that the function always sees the real structure:
//   { "version": "1.0",
//     "context": { "eventType": "viewer-request", "distributionDomainName", "distributionId", "requestId" },
//     "viewer": { "ip" },
//     "request": { "method", "uri", "querystring", "headers", "cookies" } }
// Shorthands: request.querystring may be the raw string "a=1&b=2&b=3" (parsed as CloudFront does:
// nothing decoded, a repeated name gets multiValue); a header or cookie may be a plain string value.
// stdout: a JSON array with what handler returned for each event (the request or a response).
// Exit status 1, with the reason on stderr, when the function cannot be loaded, throws, or
// returns something CloudFront would reject.
'use strict';

const fs = require('fs');
const vm = require('vm');

const MAX_FUNCTION_BYTES = 10 * 1024; // CloudFront quota: function size.
const DISTRIBUTION_DOMAIN = 'd111111abcdef8.cloudfront.net';
const DISTRIBUTION_ID = 'EDFDVBD6EXAMPLE';

function fail(message) {
  process.stderr.write('cloudfront-harness: ' + message + '\n');
  process.exit(1);
}

// Only the built-in modules CloudFront offers can be required (the 'cloudfront' module, for
// key value stores, has no local equivalent).
function restrictedRequire(name) {
  if (name === 'crypto' || name === 'querystring' || name === 'buffer') {
    return require(name);
  }
  throw new Error("Cannot find module '" + name + "' (not available in CloudFront Functions)");
}

function loadHandler(file) {
  const code = fs.readFileSync(file, 'utf8');
  const size = Buffer.byteLength(code, 'utf8');
  if (size > MAX_FUNCTION_BYTES) {
    fail(file + ' is ' + size + ' bytes; CloudFront allows ' + MAX_FUNCTION_BYTES);
  }
  // A fresh global: no process, no timers, no fetch. console.log goes to stderr (CloudWatch in AWS).
  const sandbox = {
    console: { log: (...args) => process.stderr.write(args.join(' ') + '\n') },
    require: restrictedRequire,
  };
  // No eval() or new Function(); code runs in strict mode as in CloudFront. The directive is put
  // on the first line so that line numbers in errors match the file.
  const context = vm.createContext(sandbox, { codeGeneration: { strings: false, wasm: false } });
  try {
    new vm.Script('"use strict";' + code, { filename: file }).runInContext(context, { timeout: 1000 });
  } catch (e) {
    fail('cannot load ' + file + ': ' + (e && e.stack ? e.stack : e));
  }
  // Only the top-level handler is exposed to the caller, as in CloudFront.
  if (typeof context.handler !== 'function') {
    fail(file + ' has no top-level function handler(event)');
  }
  return context.handler;
}

function valueObject(v) {
  return typeof v === 'string' ? { value: v } : v;
}

function lowerCaseKeys(object, convert) {
  const out = {};
  for (const key of Object.keys(object || {})) {
    out[key.toLowerCase()] = convert(object[key]);
  }
  return out;
}

// "a=1&b=2&b=3" -> { a: {value: '1'}, b: {value: '2', multiValue: [{value: '2'}, {value: '3'}]} }
function parseQueryString(raw) {
  const out = {};
  for (const part of raw.replace(/^\?/, '').split('&')) {
    if (part === '') {
      continue;
    }
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.substring(0, eq);
    const value = eq < 0 ? '' : part.substring(eq + 1);
    const existing = out[name];
    if (!existing) {
      out[name] = { value: value };
    } else {
      if (!existing.multiValue) {
        existing.multiValue = [{ value: existing.value }];
      }
      existing.multiValue.push({ value: value });
    }
  }
  return out;
}

function buildEvent(input, index) {
  const request = input.request || {};
  const context = input.context || {};
  const querystring = request.querystring;
  return {
    version: '1.0',
    context: {
      distributionDomainName: context.distributionDomainName || DISTRIBUTION_DOMAIN,
      distributionId: context.distributionId || DISTRIBUTION_ID,
      eventType: 'viewer-request',
      requestId: context.requestId || 'harness-request-' + index,
    },
    viewer: { ip: (input.viewer && input.viewer.ip) || '198.51.100.7' },
    request: {
      method: request.method || 'GET',
      uri: request.uri || '/',
      querystring: typeof querystring === 'string' ? parseQueryString(querystring) : querystring || {},
      headers: lowerCaseKeys(request.headers, valueObject),
      cookies: Object.fromEntries(Object.entries(request.cookies || {}).map(([k, v]) => [k, valueObject(v)])),
    },
  };
}

function checkHeaders(headers, where) {
  for (const name of Object.keys(headers || {})) {
    const header = headers[name];
    if (name !== name.toLowerCase()) {
      throw new Error(where + ': header name ' + name + ' must be lower case');
    }
    if (!header || typeof header.value !== 'string') {
      throw new Error(where + ': header ' + name + ' must be { value: "..." }');
    }
  }
}

// The checks CloudFront makes on what a viewer-request function returns.
function checkResult(result, event, index) {
  const where = 'event ' + index;
  if (!result || typeof result !== 'object') {
    throw new Error(where + ': handler returned ' + result + ', not a request or a response');
  }
  if ('statusCode' in result) {
    if (!Number.isInteger(result.statusCode) || result.statusCode < 200 || result.statusCode > 599) {
      throw new Error(where + ': invalid statusCode ' + result.statusCode);
    }
    checkHeaders(result.headers, where);
  } else {
    if (result.method !== event.request.method) {
      throw new Error(where + ': the request method cannot be changed');
    }
    if (typeof result.uri !== 'string' || result.uri.charAt(0) !== '/') {
      throw new Error(where + ': uri must start with /: ' + result.uri);
    }
    checkHeaders(result.headers, where);
  }
}

async function main() {
  const file = process.argv[2];
  if (!file) {
    fail('usage: node cloudfront-harness.js <function.js> < events.json');
  }
  const handler = loadHandler(file);
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(0, 'utf8'));
  } catch (e) {
    fail('stdin is not JSON: ' + e.message);
  }
  if (!Array.isArray(inputs)) {
    fail('stdin must be a JSON array of events');
  }
  const results = [];
  for (let i = 0; i < inputs.length; i++) {
    const event = buildEvent(inputs[i], i);
    let result;
    try {
      // Runtime 2.0 allows an async handler: await covers both.
      result = await handler(event);
      checkResult(result, event, i);
    } catch (e) {
      fail('event ' + i + ' (' + event.request.uri + '): ' + (e && e.stack ? e.stack : e));
    }
    results.push(result);
  }
  process.stdout.write(JSON.stringify(results) + '\n');
}

main();
