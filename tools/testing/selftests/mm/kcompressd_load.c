// SPDX-License-Identifier: GPL-2.0
/*
 * A kswapd-bound load for kcompressd's benchmark: anonymous memory larger
 * than RAM, swapped to zram (or zswap), touched by a few threads for a
 * fixed time. What kswapd does not free in time, the touching threads
 * reclaim themselves (direct reclaim): that is what kcompressd, by taking
 * compression off kswapd, is meant to reduce.
 *
 * Each page carries 1K of random bytes and zeros after them, so that it
 * compresses (about 3:1 with lzo) like ordinary anonymous memory rather
 * than like a zero or a random page. After the fill and a warm-up, the
 * threads write one word into pages chosen at random (-p random) or in
 * order (-p seq) within their own slice, for -d seconds. The run prints
 * "load: key value" lines: accesses per second and their latency, the
 * /proc/vmstat and PSI deltas of the measured phase, the CPU time of
 * kswapd and kcompressd, and with -T the direct reclaim episodes as
 * tracefs saw them (mm_vmscan_direct_reclaim_begin/end).
 *
 * Not a test: it judges nothing. Run it in a small VM; it needs root for
 * tracefs only.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "kselftest.h"

/* every result line: "load: key value" */
#define OUT		"load: "
#define TRACEFS		"/sys/kernel/tracing"
#define INSTANCE	TRACEFS "/instances/kcompressd_load"
#define RANDOM_BYTES	1024
/* access latency histogram: 8 buckets per power of two of nanoseconds */
#define SUB		8
#define NR_BUCKETS	(64 * SUB)

static const char * const counters[] = {
	"allocstall_dma", "allocstall_dma32", "allocstall_normal",
	"allocstall_movable", "pgscan_kswapd", "pgscan_direct",
	"pgsteal_kswapd", "pgsteal_direct", "pgsteal_anon", "pgsteal_file",
	"pswpin", "pswpout", "zswpin", "zswpout", "workingset_refault_anon",
	"kswapd_low_wmark_hit_quickly", "kswapd_high_wmark_hit_quickly",
	"kcompressd_queued", "kcompressd_written", "kcompressd_fallback",
	"kcompressd_freed", "oom_kill",
};

#define NR_COUNTERS	ARRAY_SIZE(counters)

struct worker {
	pthread_t thread;
	char *base;
	unsigned long npages;
	unsigned long long rnd;
	unsigned long accesses;		/* during the measured phase */
	unsigned long hist[NR_BUCKETS];
};

static long page_size;
static bool sequential;
/* 0 fill, 1 warm-up, 2 measured, 3 stop; read and set with __atomic builtins */
static int phase;
static int filled;		/* threads done with their fill */

static unsigned long long xorshift(unsigned long long *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int bucket_of(unsigned long long ns)
{
	int log2 = 63 - __builtin_clzll(ns | 1);
	int sub = log2 >= 3 ? (ns >> (log2 - 3)) & (SUB - 1) : 0;

	return log2 * SUB + sub;
}

/* lower bound of a bucket, in nanoseconds */
static double bucket_ns(int b)
{
	int log2 = b / SUB, sub = b % SUB;

	return log2 >= 3 ? (double)((SUB + sub) << (log2 - 3)) : (double)(1 << log2);
}

static void fill_page(struct worker *w, char *p)
{
	unsigned long long *q = (unsigned long long *)p;
	unsigned int i;

	for (i = 0; i < RANDOM_BYTES / sizeof(*q); i++)
		q[i] = xorshift(&w->rnd);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	unsigned long i, next = 0;

	for (i = 0; i < w->npages; i++)
		fill_page(w, w->base + i * page_size);
	__atomic_add_fetch(&filled, 1, __ATOMIC_RELEASE);
	while (__atomic_load_n(&phase, __ATOMIC_RELAXED) < 3) {
		unsigned long long t0, word;
		unsigned long idx;
		int measuring = __atomic_load_n(&phase, __ATOMIC_RELAXED) == 2;

		idx = sequential ? next++ % w->npages : xorshift(&w->rnd) % w->npages;
		word = xorshift(&w->rnd) % (RANDOM_BYTES / sizeof(word));
		t0 = now_ns();
		((unsigned long long *)(w->base + idx * page_size))[word] = t0;
		if (measuring) {
			w->hist[bucket_of(now_ns() - t0)]++;
			w->accesses++;
		}
	}
	return NULL;
}

static int read_counters(long long *val)
{
	char name[64];
	long long v;
	unsigned int i;
	FILE *f = fopen("/proc/vmstat", "r");

	if (!f)
		return -1;
	for (i = 0; i < NR_COUNTERS; i++)
		val[i] = -1;	/* absent in this kernel */
	while (fscanf(f, "%63s %lld", name, &v) == 2)
		for (i = 0; i < NR_COUNTERS; i++)
			if (!strcmp(name, counters[i]))
				val[i] = v;
	fclose(f);
	return 0;
}

/* PSI memory stall totals, microseconds: some and full */
static void read_psi(long long *some, long long *full)
{
	char kind[8];
	long long total;
	FILE *f = fopen("/proc/pressure/memory", "r");

	*some = *full = -1;
	if (!f)
		return;
	while (fscanf(f, "%7s avg10=%*f avg60=%*f avg300=%*f total=%lld", kind, &total) == 2) {
		if (!strcmp(kind, "some"))
			*some = total;
		else if (!strcmp(kind, "full"))
			*full = total;
	}
	fclose(f);
}

/* CPU time (ms) of the per-node kernel threads @prefix0, @prefix1, ... */
static long long kthread_cpu_ms(const char *prefix)
{
	long long ms = -1;
	struct dirent *d;
	DIR *dir = opendir("/proc");

	if (!dir)
		return -1;
	while ((d = readdir(dir))) {
		char path[300], buf[512], *comm_end;
		unsigned long utime, stime;
		FILE *f;

		if (!isdigit((unsigned char)d->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", d->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (!fgets(buf, sizeof(buf), f)) {
			fclose(f);
			continue;
		}
		fclose(f);
		comm_end = strrchr(buf, ')');
		/* "kcompressd0", not this program, "kcompressd_load" */
		if (!comm_end || strncmp(strchr(buf, '(') + 1, prefix, strlen(prefix)) ||
		    !isdigit((unsigned char)strchr(buf, '(')[1 + strlen(prefix)]))
			continue;
		/* fields 14 and 15, after the state (3) */
		if (sscanf(comm_end + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
			   &utime, &stime) != 2)
			continue;
		ms = (ms < 0 ? 0 : ms) + (utime + stime) * 1000 / sysconf(_SC_CLK_TCK);
	}
	closedir(dir);
	return ms;
}

static int write_str(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, val, strlen(val));
	close(fd);
	return n == (ssize_t)strlen(val) ? 0 : -1;
}

/*
 * The instance and its buffer are set up before the fill, while memory is
 * free (under pressure the buffer's allocation fails); it records from
 * trace_start() on.
 */
static bool trace_setup(void)
{
	if (access(TRACEFS "/instances", F_OK))
		mount("nodev", TRACEFS, "tracefs", 0, NULL);
	rmdir(INSTANCE);
	if (mkdir(INSTANCE, 0755))
		return false;
	/* one clock for every CPU: begin and end may be on different ones */
	return !write_str(INSTANCE "/tracing_on", "0") &&
	       !write_str(INSTANCE "/trace_clock", "mono") &&
	       !write_str(INSTANCE "/buffer_size_kb", "4096") &&
	       !write_str(INSTANCE "/events/vmscan/mm_vmscan_direct_reclaim_begin/enable", "1") &&
	       !write_str(INSTANCE "/events/vmscan/mm_vmscan_direct_reclaim_end/enable", "1");
}

static void trace_start(void)
{
	write_str(INSTANCE "/tracing_on", "1");
}

static void trace_stop(void)
{
	write_str(INSTANCE "/tracing_on", "0");
}

/* open episodes by pid: a small open-addressing table */
#define OPEN_SLOTS	4096
static struct { int pid; double ts; } open_ep[OPEN_SLOTS];

static double *open_slot(int pid, bool add)
{
	unsigned int i, h = (unsigned int)pid * 2654435761u % OPEN_SLOTS;

	for (i = 0; i < OPEN_SLOTS; i++, h = (h + 1) % OPEN_SLOTS) {
		if (open_ep[h].pid == pid)
			return &open_ep[h].ts;
		if (!open_ep[h].pid) {
			if (!add)
				return NULL;
			open_ep[h].pid = pid;
			return &open_ep[h].ts;
		}
	}
	return NULL;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Direct reclaim episodes: begin and end paired by pid */
static void trace_report(void)
{
	double *ms = NULL, total = 0, *b;
	size_t n = 0, cap = 0;
	unsigned long long lost = 0;
	char line[512];
	FILE *f;
	int cpu;

	f = fopen(INSTANCE "/trace", "r");
	while (f && fgets(line, sizeof(line), f)) {
		char *ev = strstr(line, "mm_vmscan_direct_reclaim_");
		char *dash, *colon;
		double ts;
		int pid;

		if (line[0] == '#' || !ev)
			continue;
		/* "comm-pid [cpu] flags ts: event: ..." */
		colon = strstr(line, ": mm_vmscan");
		if (!colon)
			continue;
		*colon = '\0';
		ts = atof(strrchr(line, ' ') + 1);
		dash = strchr(line, '[');
		while (dash > line && *dash != '-')
			dash--;
		pid = atoi(dash + 1);
		b = open_slot(pid, !strncmp(ev + 25, "begin", 5));
		if (!strncmp(ev + 25, "begin", 5)) {
			if (b)
				*b = ts;
		} else if (b && *b > 0) {
			if (n == cap) {
				cap = cap ? 2 * cap : 4096;
				ms = realloc(ms, cap * sizeof(*ms));
				if (!ms)
					break;
			}
			ms[n] = (ts - *b) * 1000;
			total += ms[n++];
			*b = 0;
		}
	}
	if (f)
		fclose(f);
	for (cpu = 0; cpu < 1024; cpu++) {
		char path[128];
		FILE *s;

		snprintf(path, sizeof(path), INSTANCE "/per_cpu/cpu%d/stats", cpu);
		s = fopen(path, "r");
		if (!s)
			break;
		while (fgets(line, sizeof(line), s))
			if (!strncmp(line, "overrun: ", 9))
				lost += strtoull(line + 9, NULL, 10);
		fclose(s);
	}
	qsort(ms, n, sizeof(*ms), cmp_double);
	printf(OUT "direct_reclaim_episodes %zu\n", n);
	printf(OUT "direct_reclaim_ms_total %.1f\n", total);
	printf(OUT "direct_reclaim_ms_p50 %.3f\n", n ? ms[n / 2] : 0.0);
	printf(OUT "direct_reclaim_ms_p99 %.3f\n", n ? ms[(size_t)(n * 0.99)] : 0.0);
	printf(OUT "direct_reclaim_ms_max %.3f\n", n ? ms[n - 1] : 0.0);
	printf(OUT "trace_events_lost %llu\n", lost);
	free(ms);
	write_str(INSTANCE "/events/vmscan/enable", "0");
	rmdir(INSTANCE);
}

static unsigned long mem_total_kb(void)
{
	unsigned long kb = 0;
	char line[128];
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemTotal: %lu kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

static void print_usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [-r PCT] [-t N] [-w S] [-d S] [-p random|seq] [-T]\n"
		"  -r PCT  working set, percent of MemTotal (default 125)\n"
		"  -t N    threads (default 2)\n"
		"  -w S    warm-up seconds after the fill (default 5)\n"
		"  -d S    measured seconds (default 20)\n"
		"  -p P    access pattern: random (default) or seq\n"
		"  -T      time direct reclaim with tracefs\n", prog);
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned int pct = 125, nthreads = 2, warm = 5, secs = 20, i, b;
	long long before[NR_COUNTERS], after[NR_COUNTERS];
	long long some0, full0, some1, full1, ks0, kc0, stalls = 0;
	unsigned long total_pages, per, hist[NR_BUCKETS] = { 0 }, acc = 0, seen;
	struct worker *w;
	bool trace = false;
	double t0, t1, fill_s;
	char *mem;
	int opt;

	while ((opt = getopt(argc, argv, "r:t:w:d:p:T")) != -1) {
		switch (opt) {
		case 'r':
			pct = atoi(optarg);
			break;
		case 't':
			nthreads = atoi(optarg);
			break;
		case 'w':
			warm = atoi(optarg);
			break;
		case 'd':
			secs = atoi(optarg);
			break;
		case 'p':
			if (strcmp(optarg, "random") && strcmp(optarg, "seq"))
				print_usage(argv[0]);
			sequential = !strcmp(optarg, "seq");
			break;
		case 'T':
			trace = true;
			break;
		default:
			print_usage(argv[0]);
		}
	}
	if (!pct || !nthreads || !secs)
		print_usage(argv[0]);
	page_size = sysconf(_SC_PAGESIZE);
	total_pages = mem_total_kb() / 100 * pct * 1024 / page_size;
	per = total_pages / nthreads;
	mem = mmap(NULL, per * nthreads * page_size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	w = calloc(nthreads, sizeof(*w));
	if (mem == MAP_FAILED || !w) {
		perror("kcompressd_load: memory");
		return 1;
	}
	madvise(mem, per * nthreads * page_size, MADV_NOHUGEPAGE);
	if (trace && !trace_setup()) {
		fprintf(stderr, "kcompressd_load: no vmscan trace events: -T ignored\n");
		rmdir(INSTANCE);
		trace = false;
	}
	printf(OUT "working_set_mb %lu\n" OUT "threads %u\n" OUT "pattern %s\n",
	       per * nthreads * page_size >> 20, nthreads, sequential ? "seq" : "random");

	t0 = now_s();
	for (i = 0; i < nthreads; i++) {
		w[i].base = mem + i * per * page_size;
		w[i].npages = per;
		w[i].rnd = 0x9e3779b97f4a7c15ULL * (i + 1);
		if (pthread_create(&w[i].thread, NULL, work, &w[i])) {
			perror("kcompressd_load: pthread_create");
			return 1;
		}
	}
	/* then the warm-up: every thread touching as it will when measured */
	while (__atomic_load_n(&filled, __ATOMIC_ACQUIRE) < (int)nthreads)
		usleep(100 * 1000);
	fill_s = now_s() - t0;
	__atomic_store_n(&phase, 1, __ATOMIC_RELAXED);
	sleep(warm);

	read_counters(before);
	read_psi(&some0, &full0);
	ks0 = kthread_cpu_ms("kswapd");
	kc0 = kthread_cpu_ms("kcompressd");
	if (trace)
		trace_start();
	t0 = now_s();
	__atomic_store_n(&phase, 2, __ATOMIC_RELAXED);
	sleep(secs);
	__atomic_store_n(&phase, 3, __ATOMIC_RELAXED);
	if (trace)
		trace_stop();
	t1 = now_s();
	read_counters(after);
	read_psi(&some1, &full1);
	printf(OUT "kswapd_cpu_ms %lld\n", kthread_cpu_ms("kswapd") - ks0);
	/* none without CONFIG_KCOMPRESSD: no line rather than a made-up value */
	if (kc0 >= 0)
		printf(OUT "kcompressd_cpu_ms %lld\n", kthread_cpu_ms("kcompressd") - kc0);
	for (i = 0; i < nthreads; i++)
		pthread_join(w[i].thread, NULL);

	printf(OUT "seconds %.2f\n" OUT "fill_seconds %.1f\n", t1 - t0, fill_s);
	for (i = 0; i < NR_COUNTERS; i++) {
		if (before[i] < 0 || after[i] < 0)
			continue;
		printf(OUT "%s %lld\n", counters[i], after[i] - before[i]);
		if (!strncmp(counters[i], "allocstall_", 11))
			stalls += after[i] - before[i];
		/* pages freed: by kswapd, direct reclaim, kcompressd for kswapd */
		if (!strcmp(counters[i], "pgsteal_anon"))
			printf(OUT "pgsteal_anon_per_s %.0f\n", (after[i] - before[i]) / (t1 - t0));
		if (!strcmp(counters[i], "pswpout"))
			printf(OUT "pswpout_per_s %.0f\n", (after[i] - before[i]) / (t1 - t0));
	}
	printf(OUT "allocstall %lld\n", stalls);
	printf(OUT "psi_some_ms %lld\n" OUT "psi_full_ms %lld\n",
	       (some1 - some0) / 1000, (full1 - full0) / 1000);
	for (i = 0; i < nthreads; i++) {
		acc += w[i].accesses;
		for (b = 0; b < NR_BUCKETS; b++)
			hist[b] += w[i].hist[b];
	}
	printf(OUT "accesses %lu\n" OUT "accesses_per_s %.0f\n", acc, acc / (t1 - t0));
	for (seen = 0, b = 0; b < NR_BUCKETS && acc; b++) {
		unsigned long prev = seen;

		seen += hist[b];
		if (prev < acc / 2 && seen >= acc / 2)
			printf(OUT "access_us_p50 %.3f\n", bucket_ns(b) / 1000);
		if (prev < acc / 100 * 99 && seen >= acc / 100 * 99)
			printf(OUT "access_us_p99 %.3f\n", bucket_ns(b) / 1000);
		if (prev < acc / 1000 * 999 && seen >= acc / 1000 * 999)
			printf(OUT "access_us_p999 %.3f\n", bucket_ns(b) / 1000);
		if (seen == acc) {
			printf(OUT "access_us_max %.3f\n", bucket_ns(b + 1) / 1000);
			break;
		}
	}
	if (trace)
		trace_report();
	return 0;
}
