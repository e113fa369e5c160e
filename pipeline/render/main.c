/* vk-render: the last stage. Reads the classified buurten, the boundaries
 * and the config, runs the report template and writes the PDF atomically:
 * when anything fails (bad data, a template error) the previous PDF stays
 * as it was. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <cpl_error.h>

#include "render_data.h"
#include "render_date.h"
#include "render_lua.h"
#include "render_pdf.h"
#include "vk_config.h"
#include "vk_err.h"
#include "vk_out.h"
#include "vk_version.h"

#define PROG "vk-render"
#define DEFAULT_FONT_DIR "/usr/share/fonts/truetype/liberation2"
/* Lua's instruction hook cannot see time spent inside C functions such as
 * string.find with a pathological pattern: the process gets a CPU cap. */
#define CPU_SECONDS 300

static void
usage(FILE *fp)
{
	fprintf(fp,
	        "usage: " PROG " [-q|-v] -w WORKDIR -t TEMPLATE_DIR -o OUT.pdf "
	        "[--font-dir DIR] CONFIG\n"
	        "\n"
	        "Renders the QuickScan report from WORKDIR/classify, "
	        "WORKDIR/index and\n"
	        "WORKDIR/ingest with the template TEMPLATE_DIR/report.lua.\n"
	        "\n"
	        "  -w, --workdir DIR    output directory of the earlier stages\n"
	        "  -t, --template DIR   template directory (report.lua and "
	        "what it includes)\n"
	        "  -o, --output FILE    the PDF to write (atomically)\n"
	        "      --font-dir DIR   where the template's fonts are (default "
	        DEFAULT_FONT_DIR ")\n"
	        "  -q, --quiet          no warnings\n"
	        "  -v, --verbose        say what was written\n"
	        "  -h, --help           this text\n"
	        "  -V, --version        the version\n"
	        "\n"
	        "The report date comes from SOURCE_DATE_EPOCH or the config "
	        "(report.date_source).\n"
	        "Exit codes: 0 ok, 1 bad input or template, 2 usage, 3 "
	        "output or system error.\n");
}

static void
cap_cpu(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_CPU, &rl) == 0 &&
	    (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > CPU_SECONDS)) {
		rl.rlim_cur = CPU_SECONDS;
		setrlimit(RLIMIT_CPU, &rl);
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "workdir", required_argument, NULL, 'w' },
		{ "template", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "font-dir", required_argument, NULL, 'F' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *workdir = NULL, *tpl = NULL, *out_path = NULL;
	const char *font_dir = DEFAULT_FONT_DIR;
	int verbose = 0, ch, rc = VK_EXIT_OK;
	vk_config *cfg = NULL;
	render_data *data = NULL;
	render_pdf *pdf = NULL;
	render_lua_in in;
	vk_out out;
	vk_err e;
	struct tm date;
	char date_nl[64], title[512];
	char *trace = NULL;
	FILE *fp;

	memset(&out, 0, sizeof(out));
	while ((ch = getopt_long(argc, argv, "w:t:o:qvhV", longopts, NULL)) !=
	       -1) {
		switch (ch) {
		case 'w': workdir = optarg; break;
		case 't': tpl = optarg; break;
		case 'o': out_path = optarg; break;
		case 'F': font_dir = optarg; break;
		case 'q': verbose = -1; break;
		case 'v': verbose = 1; break;
		case 'h': usage(stdout); return VK_EXIT_OK;
		case 'V':
			printf(PROG " (QuickScan Veerkracht) " VK_VERSION "\n");
			return VK_EXIT_OK;
		default: usage(stderr); return VK_EXIT_USAGE;
		}
	}
	if (argc - optind != 1 || workdir == NULL || tpl == NULL ||
	    out_path == NULL) {
		fprintf(stderr, PROG ": %s\n", argc - optind != 1 ?
		        "expected exactly one CONFIG file" :
		        "-w WORKDIR, -t TEMPLATE_DIR and -o OUT.pdf are required");
		usage(stderr);
		return VK_EXIT_USAGE;
	}
	cap_cpu();
	/* GDAL prints its own errors by default; ours carry file and line. */
	CPLSetErrorHandler(CPLQuietErrorHandler);

	if ((cfg = vk_config_load(argv[optind], &e)) == NULL ||
	    render_date(cfg, getenv("SOURCE_DATE_EPOCH"), &date, date_nl,
	                sizeof(date_nl), &e) < 0 ||
	    (data = render_data_load(workdir, &e)) == NULL ||
	    (pdf = render_pdf_new(font_dir, &e)) == NULL)
		goto fail;
	snprintf(title, sizeof(title), "%s %s",
	         cfg->report.title ? cfg->report.title : "QuickScan Veerkracht",
	         cfg->area_name ? cfg->area_name : "");
	if (render_pdf_info(pdf, title, cfg->report.client,
	                    cfg->report.subtitle,
	                    PROG " (QuickScan Veerkracht) " VK_VERSION, &date,
	                    &e) < 0)
		goto fail;
	memset(&in, 0, sizeof(in));
	in.pdf = pdf;
	in.data = data;
	in.cfg = cfg;
	in.tpl_dir = tpl;
	in.date = date_nl;
	in.creator = PROG " (QuickScan Veerkracht) " VK_VERSION;
	if (render_lua_run(&in, &e, &trace) < 0)
		goto fail;
	/* Only now, with the whole document in memory, touch the output. */
	if ((fp = vk_out_open(&out, out_path, &e)) == NULL)
		goto fail;
	if (render_pdf_save(pdf, fp, &e) < 0) {
		vk_out_abort(&out);
		if (e.file[0] == '\0')
			snprintf(e.file, sizeof(e.file), "%s", out_path);
		goto fail;
	}
	if (vk_out_commit(&out, &e) < 0)
		goto fail;
	if (verbose > 0)
		fprintf(stderr, PROG ": wrote %s (%d pages)\n", out_path,
		        render_pdf_page_count(pdf));
	goto done;
fail:
	vk_err_print(&e, PROG, stderr);
	if (trace != NULL)
		fprintf(stderr, "%s\n", trace);
	rc = vk_err_exit_code(&e);
done:
	free(trace);
	render_pdf_free(pdf);
	render_data_free(data);
	vk_config_free(cfg);
	return rc;
}
