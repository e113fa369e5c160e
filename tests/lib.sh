# Shared helpers for tests/t-*.sh (sourced). Each check prints one TAP line.
# VK_BUILD (binaries), VK_ROOT (repository) and VK_TMP (scratch, removed
# afterwards) come from tests/run.

BIN=$VK_ROOT/$VK_BUILD

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }

# check DESC CMD...: passes when CMD exits 0.
check() {
	local desc=$1; shift
	if "$@" >"$VK_TMP/last.out" 2>"$VK_TMP/last.err"; then ok "$desc"
	else not_ok "$desc"; sed 's/^/#   /' "$VK_TMP/last.err" | head -n 20; fi
}

# must_fail DESC PATTERN CMD...: passes when CMD exits non-zero (and not by a
# signal or sanitizer abort) and its stderr matches the extended regex PATTERN.
must_fail() {
	local desc=$1 pat=$2 rc; shift 2
	"$@" >"$VK_TMP/last.out" 2>"$VK_TMP/last.err"; rc=$?
	# A sanitizer report (a leak on an error path exits 1 or 23, below 64)
	# fails the test even when the expected message is there too.
	if [ $rc -ne 0 ] && [ $rc -lt 64 ] && grep -Eq -- "$pat" "$VK_TMP/last.err" &&
	   ! grep -Eq 'Sanitizer|runtime error:' "$VK_TMP/last.err"; then
		ok "$desc"
	else
		not_ok "$desc (exit $rc, expected message /$pat/)"
		sed 's/^/#   /' "$VK_TMP/last.err" | head -n 20
	fi
}

# same_file DESC EXPECTED ACTUAL
same_file() {
	if diff -u "$2" "$3" >"$VK_TMP/last.diff" 2>&1; then ok "$1"
	else not_ok "$1"; head -n 30 "$VK_TMP/last.diff" | sed 's/^/#   /'; fi
}

# Copies the sample client to $VK_TMP/$1 so a test can break it safely.
copy_sample() {
	rm -rf "${VK_TMP:?}/$1"; mkdir -p "$VK_TMP/$1"
	cp "$VK_ROOT"/data/utrecht/* "$VK_TMP/$1/"
	chmod u+w "$VK_TMP/$1"/*
}

# csv_cut FILE COL,COL,...: prints those columns (by header name) of a CSV
# the pipeline wrote, re-quoting nothing: fields are printed as they stand.
# Handles quoted fields with commas (no embedded newlines), in plain awk.
csv_cut() {
	awk -v want="$2" '
	function split_csv(line, out,    n, i, c, q, f) {
		n = 0; f = ""; q = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q) { if (c == "\"") q = 0; f = f c }
			else if (c == "\"") { q = 1; f = f c }
			else if (c == ",") { out[++n] = f; f = "" }
			else f = f c
		}
		out[++n] = f
		return n
	}
	NR == 1 {
		nh = split_csv($0, h)
		nw = split(want, w, ",")
		for (j = 1; j <= nw; j++) {
			idx[j] = 0
			for (i = 1; i <= nh; i++) if (h[i] == w[j]) idx[j] = i
			if (!idx[j]) { print "csv_cut: no column " w[j] > "/dev/stderr"; exit 2 }
		}
	}
	{
		split_csv($0, f)
		s = ""
		for (j = 1; j <= nw; j++) s = s (j > 1 ? "," : "") f[idx[j]]
		print s
	}' "$1"
}

# pipeline NAME CONFIG: runs ingest, index and classify into $VK_TMP/NAME.
pipeline() {
	local w=$VK_TMP/$1
	"$BIN/vk-ingest" -o "$w/ingest" "$2" &&
	"$BIN/vk-index" -i "$w/ingest" -o "$w/index" "$2" &&
	"$BIN/vk-classify" -i "$w/index" -o "$w/classify" "$2"
}
