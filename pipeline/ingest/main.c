/* vk-ingest: reads every source of a client config (CBS CSV files and
 * boundary files) and writes values.csv, names.csv and geometry.csv, as
 * pipeline/FORMATS.md says. Nothing is written unless every source reads
 * cleanly. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "vk_err.h"
#include "vk_out.h"
#include "vk_version.h"

static const char S_prog[] = "vk-ingest";

static const char S_usage[] =
	"usage: vk-ingest [-q|-v] -o OUTDIR CONFIG\n";

static const char S_help[] =
	"\n"
	"Reads the sources of CONFIG and writes OUTDIR/values.csv, names.csv\n"
	"and geometry.csv (see pipeline/FORMATS.md).\n"
	"\n"
	"  -o OUTDIR   output directory (created when missing)\n"
	"  -q          quiet: print errors only (the default)\n"
	"  -v          verbose: print what each source gave\n"
	"  --help      print this help\n"
	"  --version   print the version\n"
	"\n"
	"Exit status: 0 ok, 1 bad input, 2 bad command line, 3 I/O failure.\n";

enum { OUT_VALUES, OUT_NAMES, OUT_GEOMETRY, OUT_COUNT };

static const char *const S_outname[OUT_COUNT] = {
	"values.csv", "names.csv", "geometry.csv"
};

/* Writes the three files to temporaries, then renames them all: a failure
 * before the renames leaves every earlier output untouched. */
static int
S_write(const ing_data *d, const vk_config *cfg, const char *dir, vk_err *e)
{
	vk_out out[OUT_COUNT];
	int rc = -1, i;

	memset(out, 0, sizeof(out));
	if (vk_mkdirs(dir, e) != 0)
		return -1;
	for (i = 0; i < OUT_COUNT; i++) {
		size_t n = strlen(dir) + strlen(S_outname[i]) + 2;
		char *path = malloc(n);

		if (path == NULL) {
			vk_err_io(e, NULL, "out of memory");
			goto done;
		}
		snprintf(path, n, "%s/%s", dir, S_outname[i]);
		if (vk_out_open(&out[i], path, e) == NULL) {
			free(path);
			goto done;
		}
		free(path);
	}
	ing_write_values(d, cfg, out[OUT_VALUES].fp);
	ing_write_names(d, cfg, out[OUT_NAMES].fp);
	ing_write_geometry(d, cfg, out[OUT_GEOMETRY].fp);
	if (vk_out_commit_all(out, OUT_COUNT, e) != 0)
		goto done;
	rc = 0;
done:
	vk_out_abort_all(out, OUT_COUNT);
	return rc;
}

/* What each source gave, for -v. */
static void
S_report(const ing_data *d, const vk_config *cfg)
{
	for (size_t s = 0; s < cfg->nsources; s++) {
		size_t nv = 0, nn = 0, ng = 0;

		for (size_t i = 0; i < d->nval; i++)
			nv += d->val[i].src == s;
		for (size_t i = 0; i < d->nname; i++)
			nn += d->name[i].src == s;
		for (size_t i = 0; i < d->ngeom; i++)
			ng += d->geom[i].src == s;
		fprintf(stderr, "%s: %s: %zu values, %zu names, %zu geometries\n",
		        S_prog, cfg->sources[s].id, nv, nn, ng);
	}
	if (d->nempty > 0)
		fprintf(stderr, "%s: %zu features without a polygon left out\n",
		        S_prog, d->nempty);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *outdir = NULL;
	vk_config *cfg = NULL;
	ing_data *d = NULL;
	int verbose = 0, c, status = VK_EXIT_OK, ogr = 0;
	vk_err e;

	memset(&e, 0, sizeof(e));
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+qvo:", longopts, NULL)) != -1) {
		switch (c) {
		case 'q':
			verbose = 0;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'h':
			printf("%s%s", S_usage, S_help);
			return VK_EXIT_OK;
		case 'V':
			printf("%s (QuickScan Veerkracht) %s\n", S_prog, VK_VERSION);
			return VK_EXIT_OK;
		default:
			if (optopt == 'o')
				fprintf(stderr, "%s: -o needs a directory\n", S_prog);
			else if (optopt != 0)
				fprintf(stderr, "%s: unknown option -%c\n", S_prog, optopt);
			else
				fprintf(stderr, "%s: unknown option %s\n", S_prog,
				        argv[optind - 1]);
			fputs(S_usage, stderr);
			return VK_EXIT_USAGE;
		}
	}
	if (outdir == NULL || optind != argc - 1) {
		fprintf(stderr, "%s: %s\n%s", S_prog, outdir == NULL ?
		        "missing -o OUTDIR" : "expected one CONFIG file", S_usage);
		return VK_EXIT_USAGE;
	}

	if ((cfg = vk_config_load(argv[optind], &e)) == NULL)
		goto fail;
	if ((d = ing_data_new()) == NULL) {
		vk_err_io(&e, NULL, "out of memory");
		goto fail;
	}
	for (size_t s = 0; s < cfg->nsources; s++) {
		int rc;

		if (cfg->sources[s].format == VK_SRC_OGR) {
			ogr = 1;
			rc = ing_ogr(d, cfg, s, &e);
		} else {
			rc = ing_csv(d, cfg, s, &e);
		}
		if (rc != 0)
			goto fail;
	}
	if (ing_data_finish(d, cfg, &e) != 0 || S_write(d, cfg, outdir, &e) != 0)
		goto fail;
	if (verbose)
		S_report(d, cfg);
	goto done;
fail:
	vk_err_print(&e, S_prog, stderr);
	status = vk_err_exit_code(&e);
done:
	ing_data_free(d);
	vk_config_free(cfg);
	if (ogr)
		ing_ogr_cleanup();
	return status;
}
