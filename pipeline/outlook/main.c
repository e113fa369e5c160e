/* vk-outlook: the numeric outlook (getalsmatige doorkijk, DOMAIN.md §6)
 * and the city-wide balance (§2 step 4): the stock-flow model of
 * pipeline/lib/vk_outlook.h run per wijk for "autonoom" (no plan) and each
 * plan scenario of the config's `outlook:` section. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outlook.h"
#include "vk_cli.h"
#include "vk_config.h"

#define PROG "vk-outlook"

static const char S_usage[] =
	"usage: " PROG " -w WORKDIR -o OUT_DIR CONFIG\n"
	"\n"
	"Runs the stock-flow outlook of CONFIG's `outlook:` section from\n"
	"WORKDIR/index/wijken.csv, WORKDIR/classify/buurten.csv (vk-classify)\n"
	"and the stock source named in outlook.stock, and writes\n"
	"OUT_DIR/projections.csv (stock, vulnerable households, k and intake\n"
	"per wijk, scenario, year and segment), OUT_DIR/summary.csv (per wijk\n"
	"and scenario at the base year and the horizon), OUT_DIR/inputs.csv\n"
	"(what each wijk starts from; which intake shares were calibrated) and\n"
	"OUT_DIR/city.csv (dissimilarity, K classes and ranking, waterbed\n"
	"flags, verdict). Without an `outlook:` section the files hold only\n"
	"their header.\n"
	"\n"
	"  -w DIR     the client's work directory (out/<client>)\n"
	"  -o DIR     output directory (created when missing)\n"
	"  --help     show this help\n"
	"  --version  show the version\n"
	"\n"
	"Exit status: 0 ok, 1 bad input (an impossible plan names its config\n"
	"line), 2 usage, 3 cannot write output.\n";

int
main(int argc, char **argv)
{
	static const struct option longopts[] = { VK_CLI_COMMON_LONGOPTS };
	const char *workdir = NULL, *outdir = NULL;
	int ch, rc = VK_EXIT_OK;
	vk_err e = { 0 };
	vk_config *cfg = NULL;
	ol_config oc = { 0 };
	ol_data d = { 0 };
	vk_ol_wijk *mw = NULL;
	vk_ol_run **runs = NULL;
	vk_ol_model model;
	size_t nruns = 0;

	while ((ch = getopt_long(argc, argv, "w:o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'w': workdir = optarg; break;
		case 'o': outdir = optarg; break;
		default: return vk_cli_other(ch, PROG, S_usage);
		}
	}
	if (workdir == NULL || outdir == NULL || optind != argc - 1) {
		fputs(S_usage, stderr);
		return VK_EXIT_USAGE;
	}

	cfg = vk_config_load(argv[optind], &e);
	if (cfg == NULL || ol_config_parse(cfg, &oc, &e) != 0)
		goto fail;
	if (!oc.present) {
		if (ol_write_empty(outdir, &e) != 0)
			goto fail;
		goto done;
	}
	if (ol_data_load(cfg, &oc, workdir, &d, &e) != 0 ||
	    ol_resolve(cfg, &oc, &d, &e) != 0)
		goto fail;

	mw = calloc(d.nw, sizeof(*mw));
	runs = calloc(1 + oc.nsc, sizeof(*runs));
	if (mw == NULL || runs == NULL) {
		vk_err_io(&e, NULL, "out of memory");
		goto fail;
	}
	for (size_t w = 0; w < d.nw; w++)
		mw[w] = d.w[w].w;
	model = (vk_ol_model){ .file = cfg->path, .base_year = oc.base_year,
	                       .horizon = oc.horizon, .rho = oc.rho,
	                       .displacement = oc.displacement, .nw = d.nw,
	                       .w = mw };
	/* "autonoom" first: every plan scenario's city-wide social intake is
	 * measured against it. */
	runs[0] = vk_ol_run_new(&model, OL_AUTONOOM, NULL, 0, NULL, &e);
	if (runs[0] == NULL)
		goto fail;
	for (nruns = 1; nruns <= oc.nsc; nruns++) {
		const ol_scenario *sc = &oc.sc[nruns - 1];

		runs[nruns] = vk_ol_run_new(&model, sc->name, sc->m, sc->nm,
		                            runs[0], &e);
		if (runs[nruns] == NULL)
			goto fail;
	}
	if (ol_write(cfg, &oc, &d, &model, runs, outdir, &e) != 0)
		goto fail;
	goto done;
fail:
	vk_err_print(&e, PROG, stderr);
	rc = vk_err_exit_code(&e);
done:
	for (size_t i = 0; runs != NULL && i <= oc.nsc; i++)
		vk_ol_run_free(runs[i]);
	free(runs);
	free(mw);
	ol_data_free(&d);
	ol_config_free(&oc);
	vk_config_free(cfg);
	return rc;
}
