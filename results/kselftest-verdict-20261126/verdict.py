import re,glob,collections,sys
ASKED=206
def rounds_of(t):
    parts=re.split(r'# round (\d) of 3, defrag_mode=(\d)\n',t)
    rs=[]
    for j in range(1,len(parts),3):
        d={m.group(1):float(m.group(2)) for m in re.finditer(r'(?m)^# (\w+) (-?[\d.]+)$',parts[j+2].split('#  RUN')[0])}
        rs.append((int(parts[j]),int(parts[j+1]),d))
    return rs
def verdict(rs):
    """-> dict of failed prongs"""
    f=collections.OrderedDict()
    if len(rs)!=4: f['incomplete']=1; return f
    for n,dm,d in rs:
        if d.get('oom_kill',0) or not d.get('completed',0): f['demand']=1
        if d['free_blocks_before']*2*2 > ASKED: f['precondition']=1
    ref=rs[0][2]; mixed=0
    for n,dm,d in rs[1:]:
        if d['pswpout']>ASKED*256: f['swap']=1
        if d['pgscan_direct']>ASKED*1024: f['scan']=1
        mixed+=d['extfrag_nonmovable']
    if mixed>ref['extfrag_nonmovable']: f['mixing']=1
    return f
res=collections.defaultdict(list)
for pat in sys.argv[1:]:
  for f in sorted(glob.glob(pat)):
    k,i=re.match(r'.*/(.+)-(\d+)\.log',f).groups()
    t=open(f,errors='replace').read()
    if '@@VM-EXIT@@' not in t: continue
    rs=rounds_of(t)
    ok=re.search(r'(?m)^(not )?ok \d+ storm',t)
    v=verdict(rs)
    res[k].append((int(i),v,ok.group(0).startswith('ok') if ok else None,rs))
for k,L in res.items():
    L.sort()
    fails=[x for x in L if x[1]]
    agree=sum(1 for x in L if (not x[1])==x[2])
    by=collections.Counter(p for x in L for p in x[1])
    print('%-11s runs %2d  fail %2d  pass %2d  prongs %s  (test binary agreed %d/%d)'%(k,len(L),len(fails),len(L)-len(fails),dict(by),agree,len(L)))
    for i,v,ok,rs in L:
        print('   %2d %-28s ref_mix=%6d dm1_mix=%s swap=%s scan=%s fb=%s'%(i,','.join(v) or 'PASS',rs[0][2]['extfrag_nonmovable'],
              sum(d['extfrag_nonmovable'] for _,_,d in rs[1:]),
              [int(d['pswpout']) for _,_,d in rs[1:]],[int(d['pgscan_direct']) for _,_,d in rs[1:]],[int(d['free_blocks_before']) for _,_,d in rs]))
