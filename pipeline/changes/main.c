/* vk-changes: what changed between two classifications of the same client
 * (the previous successful run and this one): buurten that changed class,
 * and key figures that moved more than a threshold. For the morning mail
 * of the nightly run; the PDF itself does not depend on it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vk_cli.h"
#include "vk_csv.h"
#include "vk_num.h"
#include "vk_out.h"
#include "vk_strmap.h"

#define PROG "vk-changes"

static const char S_usage[] =
	"usage: " PROG " [-t NAME=AMOUNT,...] -o OUT.csv PREVIOUS.csv CURRENT.csv\n"
	"\n"
	"Compares two classify/buurten.csv files and writes OUT.csv with one\n"
	"row per change: code,name,what,before,after. `what` is class,\n"
	"class_rel, new (a buurt only in CURRENT), gone (only in PREVIOUS), or a\n"
	"figure that moved more than its threshold. Prints a short summary on\n"
	"stdout with -s.\n"
	"\n"
	"  -t LIST    thresholds, default P=2,K=2,O=0.02,inhabitants=250\n"
	"  -o FILE    output CSV (written atomically)\n"
	"  -s         print a summary (one line, then one line per change)\n"
	"  --help     show this help\n"
	"  --version  show the version\n"
	"\n"
	"Exit status: 0 ok, 1 bad input, 2 usage, 3 cannot write output.\n";

#define MAX_FIGURES 16

typedef struct {
	char name[32];
	double amount;
} S_fig;

static int
S_parse_thresholds(const char *list, S_fig *f, size_t *n, vk_err *e)
{
	char buf[512], *save = NULL;

	if (strlen(list) >= sizeof(buf))
		return vk_err_set(e, NULL, 0, 0, "threshold list too long");
	strcpy(buf, list);
	*n = 0;
	for (char *tok = strtok_r(buf, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');

		if (eq == NULL || eq == tok || (size_t)(eq - tok) >= sizeof(f->name) ||
		    *n == MAX_FIGURES)
			return vk_err_set(e, NULL, 0, 0, "expected NAME=AMOUNT in "
			                  "the threshold list, found \"%s\"", tok);
		*eq = '\0';
		snprintf(f[*n].name, sizeof(f[*n].name), "%s", tok);
		if (vk_num_parse(eq + 1, '.', NULL, 0, &f[*n].amount) != 0 ||
		    f[*n].amount < 0)
			return vk_err_set(e, NULL, 0, 0, "expected a non-negative "
			                  "amount for %s, found \"%s\"", tok, eq + 1);
		(*n)++;
	}
	return 0;
}

static void
S_row(FILE *fp, FILE *sum, const char *code, const char *name,
      const char *what, const char *before, const char *after)
{
	fprintf(fp, "%s,", code);
	vk_csv_put(fp, name);
	fprintf(fp, ",%s,%s,%s\n", what, before, after);
	if (sum != NULL && before[0] == '\0' && after[0] == '\0')
		fprintf(sum, "  %s %s: %s\n", code, name, what);
	else if (sum != NULL)
		fprintf(sum, "  %s %s: %s %s -> %s\n", code, name, what, before,
		        after);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = { VK_CLI_COMMON_LONGOPTS };
	const char *outpath = NULL, *tlist = "P=2,K=2,O=0.02,inhabitants=250";
	int ch, summary = 0, rc = VK_EXIT_OK;
	vk_err e = { 0 };
	vk_csv *prev = NULL, *cur = NULL;
	vk_strmap *pidx = NULL, *seen = NULL;
	S_fig fig[MAX_FIGURES];
	size_t nfig = 0, ccode, cname, ccls, cclsr, pcode, nchanged = 0;
	size_t pcol[MAX_FIGURES], ccol[MAX_FIGURES];
	vk_out out = { 0 };
	FILE *fp, *sum = NULL;
	char *sumbuf = NULL;
	size_t sumlen = 0;

	while ((ch = getopt_long(argc, argv, "t:o:s", longopts, NULL)) != -1) {
		switch (ch) {
		case 't': tlist = optarg; break;
		case 'o': outpath = optarg; break;
		case 's': summary = 1; break;
		default: return vk_cli_other(ch, PROG, S_usage);
		}
	}
	if (outpath == NULL || optind != argc - 2) {
		fputs(S_usage, stderr);
		return VK_EXIT_USAGE;
	}
	if (S_parse_thresholds(tlist, fig, &nfig, &e) != 0) {
		vk_err_print(&e, PROG, stderr);
		return VK_EXIT_USAGE;
	}
	if ((prev = vk_csv_read(argv[optind], NULL, &e)) == NULL ||
	    (cur = vk_csv_read(argv[optind + 1], NULL, &e)) == NULL ||
	    vk_csv_need(prev, "code", &pcode, &e) != 0 ||
	    vk_csv_need(cur, "code", &ccode, &e) != 0 ||
	    vk_csv_need(cur, "name", &cname, &e) != 0 ||
	    vk_csv_need(cur, "class", &ccls, &e) != 0 ||
	    vk_csv_need(cur, "class_rel", &cclsr, &e) != 0)
		goto fail;
	for (size_t i = 0; i < nfig; i++)
		if (vk_csv_need(prev, fig[i].name, &pcol[i], &e) != 0 ||
		    vk_csv_need(cur, fig[i].name, &ccol[i], &e) != 0)
			goto fail;
	pidx = vk_strmap_new();
	seen = vk_strmap_new();
	if (pidx == NULL || seen == NULL) {
		vk_err_io(&e, NULL, "out of memory");
		goto fail;
	}
	for (size_t r = 0; r < vk_csv_nrows(prev); r++)
		if (vk_strmap_put(pidx, vk_csv_get(prev, r, pcode), r) != 0) {
			vk_err_io(&e, NULL, "out of memory");
			goto fail;
		}
	if (summary && (sum = open_memstream(&sumbuf, &sumlen)) == NULL) {
		vk_err_io(&e, NULL, "out of memory");
		goto fail;
	}
	if ((fp = vk_out_open(&out, outpath, &e)) == NULL)
		goto fail;
	fputs("code,name,what,before,after\n", fp);
	for (size_t r = 0; r < vk_csv_nrows(cur); r++) {
		const char *code = vk_csv_get(cur, r, ccode);
		const char *name = vk_csv_get(cur, r, cname);
		const size_t cls[2] = { ccls, cclsr };
		static const char *const clsname[2] = { "class", "class_rel" };
		size_t p, pc;
		int changed = 0;

		if (vk_strmap_put(seen, code, r) != 0) {
			vk_err_io(&e, NULL, "out of memory");
			goto fail;
		}
		if (!vk_strmap_get(pidx, code, &p)) {
			S_row(fp, sum, code, name, "new", "", "");
			nchanged++;
			continue;
		}
		for (int m = 0; m < 2; m++) {
			const char *a, *b;

			if (vk_csv_need(prev, clsname[m], &pc, &e) != 0)
				goto fail;
			a = vk_csv_get(prev, p, pc);
			b = vk_csv_get(cur, r, cls[m]);
			if (strcmp(a, b) != 0) {
				S_row(fp, sum, code, name, clsname[m], a, b);
				changed = 1;
			}
		}
		for (size_t i = 0; i < nfig; i++) {
			const char *a = vk_csv_get(prev, p, pcol[i]);
			const char *b = vk_csv_get(cur, r, ccol[i]);
			double x, y;

			vk_num_parse(a, '.', NULL, 0, &x);
			vk_num_parse(b, '.', NULL, 0, &y);
			/* NA appearing or disappearing is a change too */
			if (isnan(x) != isnan(y) ||
			    (!isnan(x) && fabs(y - x) > fig[i].amount)) {
				S_row(fp, sum, code, name, fig[i].name, a, b);
				changed = 1;
			}
		}
		nchanged += changed;
	}
	for (size_t r = 0; r < vk_csv_nrows(prev); r++)
		if (!vk_strmap_get(seen, vk_csv_get(prev, r, pcode), NULL)) {
			S_row(fp, sum, vk_csv_get(prev, r, pcode), "", "gone", "", "");
			nchanged++;
		}
	if (vk_out_commit(&out, &e) != 0)
		goto fail;
	if (sum != NULL) {
		fclose(sum);
		sum = NULL;
		printf("%zu buurten changed\n%s", nchanged, sumbuf);
	}
	goto done;
fail:
	vk_err_print(&e, PROG, stderr);
	rc = vk_err_exit_code(&e);
done:
	if (sum != NULL)
		fclose(sum);
	free(sumbuf);
	vk_out_abort(&out);
	vk_strmap_free(pidx);
	vk_strmap_free(seen);
	vk_csv_free(prev);
	vk_csv_free(cur);
	return rc;
}
