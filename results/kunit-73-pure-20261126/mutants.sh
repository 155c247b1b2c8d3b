#!/bin/bash
# KUnit mutants of the 7.3 stack on UML: each breaks one line a case guards
set -u
T=~/.cache/defrag-series/src/upstream-7.3.4
cd $T
run() { # name file old new
	local name=$1 file=$2
	cp $file /tmp/kmut/orig
	python3 - "$file" "$3" "$4" <<'PY'
import sys
p,a,b=sys.argv[1:]
s=open(p).read()
assert s.count(a)==1,(a,s.count(a))
open(p,'w').write(s.replace(a,b))
PY
	nice -n 19 python3 tools/testing/kunit/kunit.py run --arch um --kunitconfig mm/tests/defrag_mode.kunitconfig \
		--build_dir ~/.cache/defrag-series/build/kunit-um --make_options "CC=ccache gcc" --jobs 2 \
		--raw_output=kunit >/tmp/kmut/$name.ktap 2>/tmp/kmut/$name.err
	cp /tmp/kmut/orig $file
	echo "== $name: $(grep -cE '^ *ok [0-9]' /tmp/kmut/$name.ktap) ok, $(grep -cE '^ *not ok [0-9]' /tmp/kmut/$name.ktap) not ok"
	grep -E '^ *not ok [0-9]' /tmp/kmut/$name.ktap | sed 's/^ */  /'
}
run cma_rule mm/compaction.c '	if (is_migrate_cma(block_mt) && !(cc->alloc_flags & ALLOC_CMA))
		return false;' '	if (false)
		return false;'
run async_pageblock_exemption mm/compaction.c '	if (cc->migratetype == MIGRATE_MOVABLE || cc->order >= pageblock_order)
		return is_migrate_movable(block_mt);' '	if (cc->migratetype == MIGRATE_MOVABLE)
		return is_migrate_movable(block_mt);'
run wrapper_block_type mm/compaction.c '	return migration_source_type_ok(cc, get_pageblock_migratetype(page));' '	return migration_source_type_ok(cc, cc->migratetype);'
run fast_find_pageblock_exemption mm/compaction.c '	if (cc->direct_compaction && cc->migratetype != MIGRATE_MOVABLE &&
	    cc->order < pageblock_order)' '	if (cc->direct_compaction && cc->migratetype != MIGRATE_MOVABLE)'
run capture_at_compaction_order mm/page_alloc.c '		.order = order,
		.page = NULL,
	};
	int compact_order = ac->reclaim_compact_order;' '		.order = ac->reclaim_compact_order,
		.page = NULL,
	};
	int compact_order = ac->reclaim_compact_order;'
run capture_not_published mm/page_alloc.c '	WRITE_ONCE(current->capture_control, &capc);

	*compact_result' '	*compact_result'
echo done
