// mutool run tests/wijklinks.js PDF PAGE NAME=TARGET...
// Passes (prints "ok") when, on page PAGE, every NAME is drawn inside a
// link narrower than the page's text column (a map label, not a list row)
// that goes to page TARGET; otherwise prints what is wrong and throws.
var doc = new Document(scriptArgs[0]);
var page = doc.loadPage(parseInt(scriptArgs[1], 10) - 1);
var links = page.getLinks();
var bad = [];
for (var a = 2; a < scriptArgs.length; a++) {
	var kv = scriptArgs[a].split("=");
	var want = "#page=" + kv[1] + "&";
	var hits = page.search(kv[0]);
	var found = false;
	for (var h = 0; h < hits.length && !found; h++) {
		var q = hits[h][0];
		var cx = (q[0] + q[2]) / 2, cy = (q[1] + q[5]) / 2;
		for (var i = 0; i < links.length && !found; i++) {
			var b = links[i].bounds;
			found = b[2] - b[0] < 200 && cx >= b[0] && cx <= b[2] &&
				cy >= b[1] && cy <= b[3] && links[i].uri.indexOf(want) === 0;
		}
	}
	if (!found)
		bad.push(kv[0]);
}
if (bad.length > 0)
	throw new Error("no map link to its sheet: " + bad.join(", "));
print("ok");
