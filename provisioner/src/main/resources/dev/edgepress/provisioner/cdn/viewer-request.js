// Edgepress viewer-request function (runtime cloudfront-js-2.0; whole file must stay under 10 KB).
// The two placeholder lines below are replaced by ViewerRequestFunction.code(...): keep them verbatim.
// Plain ES5 on purpose: CloudFront runs it in strict mode, with no require() and no timers.
var CANONICAL_HOST = "__CANONICAL_HOST__";
var REDIRECT_HOSTS = __REDIRECT_HOSTS__;

// Redirects are cacheable for an hour: long enough to spare the function, short enough to undo.
var REDIRECT_MAX_AGE = 'max-age=3600';

function redirect(location) {
  return {
    statusCode: 301,
    statusDescription: 'Moved Permanently',
    headers: {
      location: { value: location },
      'cache-control': { value: REDIRECT_MAX_AGE }
    }
  };
}

// "WWW.Example.com.:443" -> "www.example.com": hosts compare case-insensitively,
// without the port and without the trailing dot of a fully qualified name.
function normalizeHost(host) {
  var h = String(host || '').toLowerCase();
  if (h.charAt(0) === '[') {
    // IPv6 literal ("[::1]:443"): never one of our names, but cut at the bracket, not the colon.
    var end = h.indexOf(']');
    return end < 0 ? h : h.substring(0, end + 1);
  }
  var colon = h.indexOf(':');
  if (colon >= 0) {
    h = h.substring(0, colon);
  }
  while (h.length > 0 && h.charAt(h.length - 1) === '.') {
    h = h.substring(0, h.length - 1);
  }
  return h;
}

// Rebuilds "?a=1&b=2&b=3" from CloudFront's parsed form. Names and values are passed on
// URL-encoded exactly as received (no decoding, no re-encoding). A repeated name has all its
// values in multiValue (the first one is also in value). A name with an empty value
// ("?draft" or "?draft=") is written without "=".
function queryString(querystring) {
  var parts = [];
  for (var name in querystring) {
    if (!Object.prototype.hasOwnProperty.call(querystring, name)) {
      continue;
    }
    var entry = querystring[name];
    var values = entry.multiValue && entry.multiValue.length ? entry.multiValue : [entry];
    for (var i = 0; i < values.length; i++) {
      var value = values[i].value;
      parts.push(value === undefined || value === '' ? name : name + '=' + value);
    }
  }
  return parts.length ? '?' + parts.join('&') : '';
}

function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var host = normalizeHost(request.headers.host && request.headers.host.value);

  // An alias (www.example.com, ...) sends the visitor to the same page on the canonical domain.
  if (REDIRECT_HOSTS.indexOf(host) >= 0) {
    return redirect('https://' + CANONICAL_HOST + uri + queryString(request.querystring));
  }

  // Any other host - the canonical domain, but also the distribution's own dxxxx.cloudfront.net
  // name or a host we do not know - is served as the site itself, not redirected: the author can
  // check the site on the cloudfront.net name before DNS points the domain at the distribution,
  // and redirects below stay relative so they keep the visitor on whatever host they used.

  // "/" and "/dir/" are folders: S3 holds their page as index.html.
  if (uri.charAt(uri.length - 1) === '/') {
    request.uri = uri + 'index.html';
    return request;
  }

  // "/file.css" (a dot in the last segment) is a file; "/dir" and "/a.b/c" are folders
  // missing their slash: redirect so that relative links in the page resolve from the folder.
  var lastSegment = uri.substring(uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') >= 0) {
    return request;
  }
  // Leading slashes (or backslashes, which browsers read as slashes) are collapsed to one:
  // "//evil.com/x" must not become the protocol-relative Location "//evil.com/x/".
  var path = '/' + uri.replace(/^[\/\\]+/, '');
  return redirect(path + '/' + queryString(request.querystring));
}
