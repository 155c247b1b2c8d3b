// SPDX-License-Identifier: GPL-2.0
/*
 * defrag_mode_storm: run the vm.defrag_mode allocation storm once and print
 * what it cost as "key value" lines (see defrag_storm.c for the workload).
 * Meant for benchmarks and for looking at a kernel by hand; the pass/fail
 * tests built on the same storm are in defrag_mode.c.
 *
 * Exit status: 0 when the non-movable demand was met, 1 when it was not
 * (OOM kill, failed allocation), 2 on bad usage, 4 (kselftest skip) when
 * the machine cannot run it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "defrag_storm.h"
#include "../kselftest.h"

static void print_usage(FILE *f)
{
	struct storm_config d;

	storm_default_config(&d);
	fprintf(f,
		"usage: defrag_mode_storm [options]\n"
		"  -m MODE     set vm.defrag_mode to 0 or 1 for the run (restored after)\n"
		"  -r N        free one page in every N of the fill (default %u)\n"
		"  -c PCT      percent of the fill in shmem page cache (default %u)\n"
		"  -p MB       page tables to create, MiB (default %lu)\n"
		"  -P MB       pipe buffers, MiB (default %lu)\n"
		"  -t N        threads (default %u)\n"
		"  -f N        empty tmpfs files (default %lu)\n"
		"  -s N        UNIX socket pairs (default %u)\n"
		"  -T MB       THP faults, MiB; 0 for none (default %lu)\n"
		"  -b N        timed batches per phase, at most %d (default %u)\n"
		"  -d DIR      where the files go (default %s; as root, on a tmpfs of\n"
		"              the run's own, in a mount namespace of its own)\n"
		"  -k PREFIX   prefix of every output line (default \"storm: \")\n"
		"  -v          progress on stderr\n",
		d.hole_ratio, d.shmem_pct, d.pgtable_mb, d.pipe_mb, d.threads, d.files,
		d.sockets, d.thp_mb, STORM_MAX_BATCHES, d.batches, d.tmpdir);
}

static unsigned long parse_num(const char *opt, const char *s, unsigned long max)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || v > max) {
		fprintf(stderr, "defrag_mode_storm: %s wants a number up to %lu, not '%s'\n",
			opt, max, s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	const char *prefix = "storm: ";
	struct storm_config cfg;
	struct storm_result res;
	int mode = -1, c;

	storm_default_config(&cfg);
	while ((c = getopt(argc, argv, "m:r:c:p:P:t:f:s:T:b:d:k:vh")) != -1) {
		switch (c) {
		case 'm':
			mode = parse_num("-m", optarg, 1);
			break;
		case 'r':
			cfg.hole_ratio = parse_num("-r", optarg, 1024);
			break;
		case 'c':
			cfg.shmem_pct = parse_num("-c", optarg, 100);
			break;
		case 'p':
			cfg.pgtable_mb = parse_num("-p", optarg, 4096);
			break;
		case 'P':
			cfg.pipe_mb = parse_num("-P", optarg, 4096);
			break;
		case 't':
			cfg.threads = parse_num("-t", optarg, 100000);
			break;
		case 'f':
			cfg.files = parse_num("-f", optarg, 10000000);
			break;
		case 's':
			cfg.sockets = parse_num("-s", optarg, 30000);
			break;
		case 'T':
			cfg.thp_mb = parse_num("-T", optarg, 65536);
			break;
		case 'b':
			cfg.batches = parse_num("-b", optarg, STORM_MAX_BATCHES);
			break;
		case 'd':
			cfg.tmpdir = optarg;
			break;
		case 'k':
			prefix = optarg;
			break;
		case 'v':
			cfg.verbose = true;
			break;
		case 'h':
			print_usage(stdout);
			return 0;
		default:
			print_usage(stderr);
			return 2;
		}
	}
	if (optind != argc || cfg.hole_ratio < 2 || !cfg.batches) {
		print_usage(stderr);
		return 2;
	}
	if (geteuid()) {
		fprintf(stderr, "defrag_mode_storm: needs root\n");
		return KSFT_SKIP;
	}
	if (access(DEFRAG_MODE_PATH, R_OK)) {
		fprintf(stderr, "defrag_mode_storm: %s: %s\n", DEFRAG_MODE_PATH,
			strerror(errno));
		return KSFT_SKIP;
	}
	if (!storm_have_swap())
		fprintf(stderr,
			"defrag_mode_storm: warning: no swap, the fill cannot be reclaimed\n");
	if (mode >= 0) {
		if (storm_settings_save() || storm_set_defrag_mode(mode)) {
			fprintf(stderr, "defrag_mode_storm: cannot set defrag_mode=%d\n",
				mode);
			return 1;
		}
	}
	printf("%sdefrag_mode %d\n", prefix, storm_get_defrag_mode());
	printf("%smem_total_mb %lu\n", prefix, storm_mem_total_mb());
	fflush(stdout);
	if (storm_run(&cfg, &res)) {
		fprintf(stderr, "defrag_mode_storm: %s\n", res.error);
		return 1;
	}
	storm_print(&res, prefix);
	storm_settings_restore();
	return res.completed ? 0 : 1;
}
