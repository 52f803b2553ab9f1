/**
 * The widget's CSS, applied inside its shadow root with a constructed stylesheet
 * (adoptedStyleSheets): no <style> element and no style attribute, so a host page whose CSP has no
 * 'unsafe-inline' for styles still shows it, and host styles cannot reach in (nor ours out).
 * Colours are AA: body text #1a1a1a on white (17:1), the accent pair comes from palette().
 */
import type { palette } from './config.js';

export function widgetCss(p: ReturnType<typeof palette>): string {
  return `
:host{all:initial}
.r{--a:${p.accent};--on:${p.onAccent};--ink:${p.ink};font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;-webkit-text-size-adjust:100%}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
button,input{font:inherit;margin:0}
button{cursor:pointer}
:focus{outline:none}
:focus-visible{outline:3px solid #000;outline-offset:2px;box-shadow:0 0 0 6px #fff}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;min-height:48px;max-width:calc(100vw - 40px);padding:10px 20px;border:2px solid var(--on);border-radius:999px;background:var(--a);color:var(--on);font-weight:600;box-shadow:0 2px 10px rgba(0,0,0,.35)}
.left .launcher,.left .panel{right:auto;left:20px}
.panel{position:fixed;bottom:20px;right:20px;z-index:2147483001;display:flex;flex-direction:column;width:380px;max-width:calc(100vw - 40px);height:600px;max-height:calc(100vh - 40px);background:#fff;color:#1a1a1a;border-radius:12px;box-shadow:0 6px 30px rgba(0,0,0,.35);overflow:hidden;animation:vh-in .18s ease-out}
@keyframes vh-in{from{opacity:0;transform:translateY(12px)}to{opacity:1;transform:none}}
.page .panel{position:fixed;inset:0;width:auto;height:auto;max-width:none;max-height:none;border-radius:0;box-shadow:none;animation:none}
header{flex:none;display:flex;flex-wrap:wrap;align-items:center;gap:6px;padding:8px 8px 8px 16px;background:var(--a);color:var(--on)}
h2{flex:1 1 6em;min-width:0;margin:0;font-size:1.1em;font-weight:700;overflow-wrap:anywhere}
.exit{min-height:44px;padding:6px 14px;border:2px solid #fff;border-radius:8px;background:#b3261e;color:#fff;font-weight:700;white-space:nowrap}
.exit:hover{background:#8c1d18}
.close{display:flex;align-items:center;justify-content:center;width:44px;height:44px;padding:0;border:0;border-radius:8px;background:transparent;color:var(--on)}
.close svg{width:22px;height:22px;stroke:currentColor;stroke-width:2.5;fill:none}
.log{flex:1 1 auto;min-height:0;overflow-y:auto;overscroll-behavior:contain;display:flex;flex-direction:column;gap:8px;padding:12px}
.notice{margin:0 0 4px;padding:8px 10px;border-left:4px solid var(--ink);background:#f4f4f6;color:#333;font-size:.875em}
.msg{margin:0;max-width:88%;padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere}
.bot{align-self:flex-start;background:#eceef2;color:#1a1a1a;border-bottom-left-radius:4px}
.you{align-self:flex-end;background:var(--a);color:var(--on);border-bottom-right-radius:4px}
.sys{align-self:stretch;max-width:none;background:#fff4e5;color:#1a1a1a;border:1px solid #c77700;font-size:.9375em}
.choices{display:flex;flex-wrap:wrap;gap:6px}
.choice{min-height:44px;padding:6px 14px;border:2px solid var(--ink);border-radius:22px;background:#fff;color:var(--ink);text-align:left;font-weight:600}
.choice:hover:not(:disabled){background:#f1f1f4}
.choice:disabled{border-color:#8a8a8a;color:#595959;cursor:default;font-weight:400}
.card{align-self:stretch;margin:0;padding:10px 12px;border:1px solid #b9bcc4;border-left:4px solid var(--ink);border-radius:10px;background:#fff}
.card p{margin:0 0 4px}
.card .name{font-weight:700}
.card .state{color:#3d3d3d;font-size:.9375em}
.links{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
.links a{display:inline-flex;align-items:center;min-height:44px;padding:6px 12px;border-radius:8px;background:var(--a);color:var(--on);font-weight:600;text-decoration:underline;overflow-wrap:anywhere}
.typing{align-self:flex-start;display:flex;align-items:center;gap:8px;color:#3d3d3d;font-size:.875em}
.dots{display:inline-flex;gap:3px}
.dots i{width:7px;height:7px;border-radius:50%;background:#595959;animation:vh-dot 1s infinite ease-in-out}
.dots i:nth-child(2){animation-delay:.15s}
.dots i:nth-child(3){animation-delay:.3s}
@keyframes vh-dot{0%,80%,100%{opacity:.3}40%{opacity:1}}
.status{flex:none;margin:0;padding:6px 12px;background:#fff4e5;border-top:1px solid #c77700;font-size:.875em}
form{flex:none;display:flex;gap:8px;padding:8px;border-top:1px solid #d0d3da;background:#fff}
input{flex:1 1 auto;min-width:0;min-height:44px;padding:8px 10px;border:2px solid #6b6b6b;border-radius:8px;background:#fff;color:#1a1a1a}
input::placeholder{color:#6b6b6b;opacity:1}
.send{flex:none;min-height:44px;padding:6px 16px;border:2px solid var(--a);border-radius:8px;background:var(--a);color:var(--on);font-weight:700}
@media (max-width:480px),(max-height:520px){.panel,.left .panel{inset:0;width:auto;height:auto;max-width:none;max-height:none;border-radius:0}.launcher{bottom:12px;right:12px}.left .launcher{left:12px}}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation:none!important;transition:none!important;scroll-behavior:auto!important}}
@media (forced-colors:active){.launcher,.exit,.send,.choice,.links a{border:2px solid ButtonText}}
`;
}
