#!/usr/bin/env python3
# Choose the real website files of fixtures/web/real/sample.tar.gz (see its SOURCES.md)
# from the nine repositories exported under /tmp/web/owner+name/ at the listed commits;
# prints one path a line. Then, from /tmp/web:
#   tar --format=ustar --owner=0 --group=0 --numeric-owner --mtime=2026-12-07 --sort=name \
#       -cf - -T paths.txt | gzip -9n > fixtures/web/real/sample.tar.gz
import os, random, json, sys
random.seed(21)
base='/tmp/web'
plan = {
 'vercel+commerce': (None, ('.tsx','.ts','.json'), 400),
 'onwidget+astrowind': (None, ('.astro','.ts','.yaml','.yml','.json'), 400),
 'withastro+starlight': (None, ('.astro','.json','.ts','.tsx'), 260),
 'nuxt+nuxt.com': (None, ('.vue','.yml','.ts'), 260),
 'nuxt+ui': (None, ('.vue',), 338),
 'shadcn-ui+ui': (None, ('.tsx',), 420),
 '11ty+11ty-website': (None, ('.njk','.json','.liquid','.webc'), 200),
 'gohugoio+hugoDocs': (None, ('.html','.toml','.yaml'), 120),
 'meilisearch+landing': (None, ('.js',), 120),
}
out=[]
for repo,(_,exts,limit) in plan.items():
    files=[]
    for root,_,names in os.walk(os.path.join(base,repo)):
        for n in names:
            p=os.path.join(root,n); rel=os.path.relpath(p,base)
            if not n.endswith(exts) or n.endswith('.d.ts') or 'node_modules' in rel: continue
            if '/test' in rel or '__tests__' in rel or '/e2e' in rel or 'playground' in rel: continue
            if n in ('package.json','package-lock.json','tsconfig.json','pnpm-lock.yaml') or n.endswith('.lock'): continue
            sz=os.path.getsize(p)
            if sz>40000 or sz<40: continue
            files.append(rel)
    files.sort()
    # components first, then the rest
    comp=[f for f in files if f.endswith(('.tsx','.jsx','.astro','.vue'))]
    rest=[f for f in files if f not in set(comp)]
    random.shuffle(comp); random.shuffle(rest)
    chosen=(comp+rest)[:limit] if repo not in ('vercel+commerce','onwidget+astrowind') else files
    chosen = chosen[:limit]
    out+=sorted(chosen)
    print(repo,len(chosen),sum(os.path.getsize(os.path.join(base,f)) for f in chosen), file=sys.stderr)
# Added later (issue #21's last gaps): real Svelte and MDX files. `--add` prints these alone
# (their repositories exported under /tmp/web as well); the archive holds both lists.
add_plan = {
 'sveltejs+svelte.dev': ('packages/site-kit', ('.svelte',), 100),
 'shadcn-ui+ui': ('apps/v4/content/docs', ('.mdx',), 100),
 'readthedocs+readthedocs.org': ('docs/user/locale', ('.po',), 60),
}
added=[]
rng=random.Random(2107)
for repo,(under,exts,limit) in add_plan.items():
    files=[]
    for root,_,names in os.walk(os.path.join(base,repo,under)):
        for n in names:
            p=os.path.join(root,n); rel=os.path.relpath(p,base)
            if not n.endswith(exts): continue
            sz=os.path.getsize(p)
            if sz>40000 or sz<40: continue
            files.append(rel)
    files.sort()
    rng.shuffle(files)
    chosen=sorted(files[:limit])
    added+=chosen
    print(repo,'(added)',len(chosen),sum(os.path.getsize(os.path.join(base,f)) for f in chosen), file=sys.stderr)
if '--add' in sys.argv:
    print('\n'.join(added))
else:
    print('\n'.join(out+added))
