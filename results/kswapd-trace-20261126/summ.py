import re,sys
f=sys.argv[1]
lines=open(f,errors='replace').read().split('@@TRACE')[1].split('@@END')[0].splitlines()
cur=None; tot=0
for l in lines:
    m=re.search(r'(\d+\.\d+): (\S+): (.*)',l)
    if not m: continue
    t,ev,rest=m.groups()
    if 'tracing_mark_write' in ev: print(t,rest); continue
    if 'KSW loop' in rest:
        d=dict(re.findall(r'(\w+)=(-?\d+)',rest))
        if cur is None: cur={'t':t,'scan':0,'n':0,'order':d['order']}
        cur['scan']+=int(d['scan']); cur['n']+=1
    elif 'KSWZ loop z=1' in rest and cur is not None and 'z1' not in cur:
        d=dict(re.findall(r'(\w+)=(-?\d+)',rest)); cur['z1']=d
    elif 'KSW out' in rest:
        d=dict(re.findall(r'(\w+)=(-?\d+)',rest))
        cur['scan']+=int(d['scan'])
        z=cur.get('z1',{})
        print(f"{cur['t']} kswapd order={cur['order']} iters={cur['n']} prio_end={d['prio']} end_order={d['order']} rec={d['rec']} scan={cur['scan']} | z1 free={z.get('free')} blocks={z.get('blocks')} high={z.get('high')} boost={z.get('wboost')} csuit={z.get('csuit')}")
        tot+=cur['scan']; cur=None
    elif 'KCD' in rest or 'kcompactd' in ev or 'sleep' in ev:
        print(t, ev, rest)
print('total kswapd scan (loop sums)', tot)
