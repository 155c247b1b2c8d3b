#!/bin/bash
# mutants of the restore machinery: each must make a restore test fail
set -u
T=~/.cache/defrag-series/src/upstream-7.3.4/tools/testing/selftests/mm
R=/work/main/tools/testing/selftests/mm
cd /work/main
m() { # name, then file|old|new triples in python
	local name=$1
	cp $R/*.c $R/*.h $T/
	python3 - "$T" "$name" <<'PY'
import sys
T,name=sys.argv[1:]
M={
 'none': [],
 'no_atexit': [('defrag_storm.c','\tatexit(restore_at_exit);\n','')],
 'no_sigaction': [('defrag_storm.c','\t\tsigaction(sigs[i], &sa, NULL);','\t\t(void)sa;')],
 'no_teardown': [('defrag_mode.c','FIXTURE_TEARDOWN_PARENT(restore_probe)\n{\n\tstorm_settings_restore();','FIXTURE_TEARDOWN_PARENT(restore_probe)\n{\n')],
 'no_group_kill': [('defrag_storm.c','\tif (getpid() == main_pid)\n\t\tkill_test_group();\n','')],
}[name]
for f,a,b in M:
    p=T+'/'+f; s=open(p).read()
    assert s.count(a)==1,(a,s.count(a))
    open(p,'w').write(s.replace(a,b))
PY
	mkdir -p /tmp/mut/$name
	make -s -C $T OUTPUT=/tmp/mut/$name LDFLAGS=-static /tmp/mut/$name/defrag_mode >/dev/null 2>&1 || { echo "$name: build failed"; return; }
	scripts/vm --kernel /tmp/k73test.bzImage --mem 1G --append kunit.enable=0 --add /tmp/mut/$name/defrag_mode --timeout 300 --quiet --log /tmp/mut/$name.log --run 'defrag_mode -f restore -f restore_probe' >/dev/null 2>&1
	echo "$name: $(grep -E '^(not )?ok [0-9]' /tmp/mut/$name.log | sed 's/settings_back_after_probe//' | tr '\n' ';')"
}
for n in none no_atexit no_sigaction no_teardown no_group_kill; do m $n; done
cp $R/*.c $R/*.h $T/
