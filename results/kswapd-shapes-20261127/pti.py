import sys,re
cur=None
print("%5s %7s | %-44s | %-44s | vm" % ("i","t","DMA32 free/high  mov<9 unm<9 rec<9 blk","Normal free/high  mov<9 unm<9 rec<9 blk"))
def fmt(z):
    if z not in cur['z']: return '-'
    d=cur['z'][z]
    return "%6d/%5d %6d %6d %6d %6d" % (cur['free'].get(z,0),cur['high'].get(z,0),d.get('Movable',(0,0))[0],d.get('Unmovable',(0,0))[0],d.get('Reclaimable',(0,0))[0],sum(v[1] for v in d.values()))
vm0=None
for line in open(sys.argv[1],errors='replace'):
    m=re.match(r'@@PTI (\d+) ([\d.]+)',line)
    if m:
        if cur: out(cur) if False else None
        cur={'i':int(m[1]),'t':float(m[2]),'z':{},'free':{},'high':{}}
        continue
    m=re.match(r'Node\s+0, zone\s+(\S+), type\s+(\S+)\s+([\d\s]+)$',line)
    if m and cur:
        c=[int(x) for x in m[3].split()]
        small=sum(n<<o for o,n in enumerate(c) if o<9); big=sum(n<<o for o,n in enumerate(c) if o>=9)
        cur['z'].setdefault(m[1],{})[m[2]]=(small,big); continue
    if line.startswith('free ') and cur:
        t=line.split()
        for k in range(0,len(t),3):
            cur[t[k]][t[k+1]]=int(t[k+2])
        continue
    if 'compact_stall ' in line and cur and not line.startswith('storm'):
        vm=dict(zip(line.split()[0::2],map(int,line.split()[1::2])))
        if vm0 is None: vm0=vm
        d={k:vm[k]-vm0[k] for k in vm}
        print("%5d %7.1f | %-44s | %-44s | ksw %d/%d dir %d/%d cst %d/%d/%d kcd %d por %d swp %d" % (cur['i'],cur['t'],fmt('DMA32'),fmt('Normal'),d['pgscan_kswapd'],d['pgsteal_kswapd'],d['pgscan_direct'],0,d['compact_stall'],d['compact_fail'],d['compact_success'],d['compact_daemon_wake'],d['pageoutrun'],d['pswpout']))
