/* vk-render: the last stage. Reads the classified buurten, the boundaries
 * and the config, runs the report template and writes the PDF atomically:
 * when anything fails (bad data, a template error) the previous PDF stays
 * as it was. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cpl_error.h>

#include "render_client.h"
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
/* Seconds of CPU time after the soft limit before the SIGXCPU handler gives
 * up waiting for the Lua hook and exits itself. */
#define CPU_GRACE 2

static void
usage(FILE *fp)
{
	fprintf(fp,
	        "usage: " PROG " [-q|-v] -w WORKDIR -t TEMPLATE_DIR [-t DIR...] "
	        "-o OUT.pdf\n"
	        "                 [--font-dir DIR] [--png-dir DIR] CONFIG\n"
	        "\n"
	        "Renders the QuickScan report from WORKDIR/classify, "
	        "WORKDIR/index and\n"
	        "WORKDIR/ingest with the template report.lua.\n"
	        "\n"
	        "  -w, --workdir DIR    output directory of the earlier stages\n"
	        "  -t, --template DIR   template directory; give it several "
	        "times for a search\n"
	        "                       path (a client's folder first): "
	        "report.lua and every\n"
	        "                       include() come from the first folder "
	        "that has them\n"
	        "  -o, --output FILE    the PDF to write (atomically)\n"
	        "      --font-dir DIR   where the template's fonts are (default "
	        DEFAULT_FONT_DIR ")\n"
	        "      --png-dir DIR    also write each map the template exports "
	        "(map{export =\n"
	        "                       name}) as DIR/name.png, 300 dpi; DIR "
	        "must exist\n"
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

/* What the SIGXCPU handler writes when it has to exit by itself; built
 * before the limit can strike (a handler may only call write and _exit). */
static char cpu_msg[1024];
static size_t cpu_msg_len;
static volatile sig_atomic_t cpu_signals;

/* The kernel sends SIGXCPU at the soft limit and once a second after it.
 * The first one asks the Lua hook to stop the template (a clean error with
 * the template's line); if the process is still running CPU_GRACE signals
 * later it is stuck in C code the hook cannot see (a pathological
 * string.find, table.move over 2^40 slots) or past the template: exit with
 * the message, before any output file was created. */
static void
on_sigxcpu(int sig)
{
	(void)sig;
	render_lua_cpu_exceeded = 1;
	if (++cpu_signals > CPU_GRACE) {
		ssize_t w = write(STDERR_FILENO, cpu_msg, cpu_msg_len);

		(void)w;
		_exit(VK_EXIT_INPUT);
	}
}

/* Lua's instruction hook cannot see time spent inside C functions such as
 * string.find with a pathological pattern: the process gets a CPU cap, the
 * hard limit a little above the soft one as a last resort. */
static void
cap_cpu(int seconds, const char *const *tpl, size_t ntpl)
{
	struct sigaction sa;
	struct rlimit rl;
	char entry[900];
	int n;

	if (render_lua_find(tpl, ntpl, RENDER_LUA_ENTRY, entry,
	                    sizeof(entry)) < 0)
		snprintf(entry, sizeof(entry), "%s/%s", tpl[0], RENDER_LUA_ENTRY);
	n = snprintf(cpu_msg, sizeof(cpu_msg), PROG ": %s: template exceeded "
	             "the CPU time limit of %d s (inside a library function)\n",
	             entry, seconds);
	cpu_msg_len = n > 0 && (size_t)n < sizeof(cpu_msg) ? (size_t)n :
	              strlen(cpu_msg);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigxcpu;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGXCPU, &sa, NULL);
	if (getrlimit(RLIMIT_CPU, &rl) == 0) {
		rlim_t hard = (rlim_t)seconds + CPU_GRACE + 3;

		if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > (rlim_t)seconds)
			rl.rlim_cur = (rlim_t)seconds;
		if (rl.rlim_max == RLIM_INFINITY || rl.rlim_max > hard)
			rl.rlim_max = hard;
		if (rl.rlim_cur > rl.rlim_max)
			rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_CPU, &rl);
	}
}

/* The --png-dir directory exists and this process may create files in
 * it. */
static int
png_dir_ok(const char *dir, vk_err *e)
{
	struct stat st;

	if (stat(dir, &st) < 0)
		return vk_err_io(e, dir, "PNG directory: %s", strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return vk_err_io(e, dir, "PNG directory: not a directory");
	if (access(dir, W_OK | X_OK) < 0)
		return vk_err_io(e, dir, "PNG directory: cannot write there: %s",
		                 strerror(errno));
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "workdir", required_argument, NULL, 'w' },
		{ "template", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "font-dir", required_argument, NULL, 'F' },
		{ "png-dir", required_argument, NULL, 'P' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *workdir = NULL, *out_path = NULL;
	const char *tpl[RENDER_LUA_MAX_DIRS];
	size_t ntpl = 0;
	render_client client;
	const char *font_dir = DEFAULT_FONT_DIR;
	const char *png_dir = NULL;
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
	memset(&client, 0, sizeof(client));
	while ((ch = getopt_long(argc, argv, "w:t:o:qvhV", longopts, NULL)) !=
	       -1) {
		switch (ch) {
		case 'w': workdir = optarg; break;
		case 't':
			if (ntpl == RENDER_LUA_MAX_DIRS) {
				fprintf(stderr, PROG ": at most %d template "
				        "directories (-t)\n", RENDER_LUA_MAX_DIRS);
				return VK_EXIT_USAGE;
			}
			tpl[ntpl++] = optarg;
			break;
		case 'o': out_path = optarg; break;
		case 'F': font_dir = optarg; break;
		case 'P': png_dir = optarg; break;
		case 'q': verbose = -1; break;
		case 'v': verbose = 1; break;
		case 'h': usage(stdout); return VK_EXIT_OK;
		case 'V':
			printf(PROG " (QuickScan Veerkracht) " VK_VERSION "\n");
			return VK_EXIT_OK;
		default: usage(stderr); return VK_EXIT_USAGE;
		}
	}
	if (argc - optind != 1 || workdir == NULL || ntpl == 0 ||
	    out_path == NULL) {
		fprintf(stderr, PROG ": %s\n", argc - optind != 1 ?
		        "expected exactly one CONFIG file" :
		        "-w WORKDIR, -t TEMPLATE_DIR and -o OUT.pdf are required");
		usage(stderr);
		return VK_EXIT_USAGE;
	}
	/* GDAL prints its own errors by default; ours carry file and line. */
	CPLSetErrorHandler(CPLQuietErrorHandler);

	/* Before any work: a PNG directory that cannot take the files fails
	 * the run up front, also when no map is exported. */
	if (png_dir != NULL && png_dir_ok(png_dir, &e) < 0)
		goto fail;
	if ((cfg = vk_config_load(argv[optind], &e)) == NULL ||
	    render_client_load(cfg, &client, &e) < 0)
		goto fail;
	/* RLIMIT_CPU covers the whole process: data, template and PDF. */
	cap_cpu(client.cpu_seconds, tpl, ntpl);
	if (render_date(cfg, getenv("SOURCE_DATE_EPOCH"), &date, date_nl,
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
	in.workdir = workdir;
	in.cfg = cfg;
	in.client = &client;
	in.tpl_dirs = tpl;
	in.ntpl_dirs = ntpl;
	in.date = date_nl;
	in.creator = PROG " (QuickScan Veerkracht) " VK_VERSION;
	in.png_dir = png_dir;
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
	render_client_free(&client);
	vk_config_free(cfg);
	return rc;
}
