// The one style sheet of RADAR's pages, served by the exporter itself: system fonts, nothing from another site.
export const STYLE_PATH = '/assets/radar.css';

export const styleSheet = `
:root{--ink:#1b1f24;--muted:#4a5159;--line:#d0d7de;--paper:#fff;--tint:#f3f6f9;--link:#0b57a4;--accent:#0b3d6b}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--paper);line-height:1.5}
body{margin:0}
a{color:var(--link)}
a:not([href]){color:inherit}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--paper);padding:.5rem}
.skip:focus{left:.5rem}
header.site{background:var(--accent);color:#fff}
header.site .bar{max-width:70rem;margin:0 auto;padding:.75rem 1rem;display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}
header.site a{color:#fff;text-decoration:none}
header.site a:hover,header.site a:focus{text-decoration:underline}
header.site .brand{font-weight:700;font-size:1.2rem;letter-spacing:.04em}
header.site nav ul{list-style:none;display:flex;gap:1.25rem;margin:0;padding:0}
main{max-width:70rem;margin:0 auto;padding:1.5rem 1rem 3rem}
footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
footer.site .bar{max-width:70rem;margin:0 auto;padding:1rem}
footer.site a{color:var(--link)}
h1{font-size:2rem;line-height:1.2;margin:.25rem 0 .5rem}
h2{font-size:1.35rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1.1rem;margin:1.25rem 0 .25rem}
.kicker{color:var(--muted);text-transform:uppercase;letter-spacing:.06em;font-size:.85rem;margin:0}
.lead{font-size:1.15rem;max-width:48rem}
.muted{color:var(--muted)}
.badges{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.75rem 0}
.badge{display:inline-block;border:1px solid var(--line);background:var(--tint);border-radius:1rem;padding:.1rem .7rem;font-size:.9rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1.5rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{text-align:left;vertical-align:top;padding:.35rem .6rem;border-bottom:1px solid var(--line)}
thead th{background:var(--tint)}
td.number,th.number{text-align:right;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.25rem 0}
.description{max-width:48rem}
.description pre{background:var(--tint);padding:.5rem;overflow:auto}
.maturity{display:flex;gap:.25rem;list-style:none;padding:0;margin:.25rem 0}
.maturity li{flex:1;border:1px solid var(--line);padding:.2rem .4rem;font-size:.85rem;text-align:center;background:var(--paper)}
.maturity li.reached{background:#cfe0f1}
.maturity li[aria-current]{background:var(--accent);color:#fff;font-weight:600}
ol.timeline{list-style:none;margin:.5rem 0;padding:0 0 0 1.25rem;border-left:3px solid var(--accent)}
ol.timeline li{position:relative;margin:0 0 1rem;padding-left:.5rem}
ol.timeline li::before{content:"";position:absolute;left:-1.95rem;top:.35rem;width:.9rem;height:.9rem;border-radius:50%;background:var(--paper);border:3px solid var(--accent)}
ol.timeline .when{color:var(--muted);font-size:.9rem;display:block}
.cards{list-style:none;padding:0;margin:0;display:grid;gap:1rem}
.cards li{border:1px solid var(--line);border-radius:.4rem;padding:.75rem 1rem}
.cards h3{margin:0 0 .25rem}
.browse{display:grid;grid-template-columns:16rem 1fr;gap:2rem}
@media (max-width:48rem){.browse{grid-template-columns:1fr}}
.search{display:flex;gap:.5rem;margin:.5rem 0 1rem}
.search input{flex:1;font:inherit;padding:.4rem .6rem;border:1px solid var(--muted);border-radius:.25rem}
button{font:inherit;padding:.4rem .9rem;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:.25rem;cursor:pointer}
fieldset{border:1px solid var(--line);border-radius:.4rem;margin:0 0 1rem;padding:.5rem .75rem}
legend{font-weight:600;padding:0 .25rem}
fieldset label{display:block;font-size:.95rem}
select{font:inherit;max-width:100%}
.field{margin:0 0 1rem}
.field label{display:block;font-weight:600}
.pager{display:flex;gap:1rem;align-items:center;margin:1.5rem 0}
figure{margin:1rem 0}
figcaption{color:var(--muted);font-size:.9rem}
svg.map{width:100%;height:auto;max-width:44rem;background:#eef3f8;border:1px solid var(--line)}
svg.map.small{max-width:22rem}
svg.map path{stroke:#fff;stroke-width:.5}
svg.map path.none{fill:#c9ced4}
svg.map path.l1{fill:#9ecae1}svg.map path.l2{fill:#6baed6}svg.map path.l3{fill:#3182bd}svg.map path.l4{fill:#08519c}
svg.map path.focus{stroke:#f2a900;stroke-width:1.5}
.legend{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0;margin:.25rem 0;font-size:.9rem}
.legend span{display:inline-block;width:1rem;height:1rem;vertical-align:middle;margin-right:.3rem;border:1px solid var(--line)}
.legend .none{background:#c9ced4}.legend .l1{background:#9ecae1}.legend .l2{background:#6baed6}.legend .l3{background:#3182bd}.legend .l4{background:#08519c}
svg.chart{width:100%;height:auto;max-width:60rem}
svg.chart text{font-size:11px;fill:var(--ink)}
svg.chart .axis{stroke:var(--muted);stroke-width:1}
svg.chart .grid{stroke:var(--line);stroke-width:1}
svg.chart .active{fill:#3182bd}
svg.chart .started{stroke:#1b7a3a;stroke-width:2;fill:none}
svg.chart .ended{stroke:#a3341c;stroke-width:2;fill:none;stroke-dasharray:4 3}
.legend .active{background:#3182bd}.legend .started{background:#1b7a3a}.legend .ended{background:#a3341c}
.formats{font-size:.9rem;color:var(--muted)}
.notice{border-left:4px solid #a3341c;background:#fbeeea;padding:.75rem 1rem;max-width:48rem}
`;
