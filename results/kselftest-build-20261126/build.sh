#!/bin/bash
# make -C tools/testing/selftests TARGETS=mm on a tree, headers in O=
t=$1 o=$2
rm -rf $o; mkdir -p $o
cd $t
s=$(date +%s)
make -s O=$o headers > $o.log 2>&1 || { echo "headers rc=$?" >> $o.log; exit 1; }
make -C tools/testing/selftests O=$o TARGETS=mm >> $o.log 2>&1
echo "rc=$? $(( $(date +%s) - s ))s" >> $o.log
