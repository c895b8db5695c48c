/*
 * Lesson 4.1's learning-rate explorer: the lesson's training_loop, run in the browser.
 *
 * The markup, its words and every number it computes from (data, start, presets, 2/λmax,
 * minimum, Hessian, the text training_loop prints) are written into the page at build time
 * by docs/doctools/explorer.py from tutorial_pkg; nothing here is lesson data.
 *
 * It computes as torch does on float32 tensors: every operation rounded to float32
 * (Math.fround), sums in torch's order (see sum), so it prints what training_loop prints; on
 * other CPUs a last digit may differ, within the site's number rule (tests/test_explorer.py
 * checks it against training_loop itself). It prints as training_loop prints: '%d'/'%f' as Python formats them
 * (exact decimal expansion, ties to even) and the final params as torch's repr of a tensor.
 */
(function () {
  "use strict";

  var f32 = Math.fround;
  var SVG = "http://www.w3.org/2000/svg";

  // ------------------------------------------------------------ training_loop, in float32

  // The sum of a float32 row in the order torch 2.13 sums a short contiguous row on x86 CPUs
  // (aten/src/ATen/native/cpu/SumKernel.cpp, vectorized_inner_sum, vectors of 8 floats): lane k
  // adds elements k, k + 8, k + 16; the elements after the last whole vector are added first,
  // then the 8 lanes, in order. It gives torch's very bits for the lesson's 11 points; any other
  // order (and torch on other CPUs) differs in the last bits only, within the site's number rule.
  var LANES = 8;
  function sum(v) {
    var n = v.length, whole = n - n % LANES, total = 0, i;
    for (i = whole; i < n; i++) total = f32(total + v[i]);
    for (var k = 0; k < (whole ? LANES : 0); k++) {
      var lane = 0;
      for (i = k; i < whole; i += LANES) lane = f32(lane + v[i]);
      total = f32(total + lane);
    }
    return total;
  }

  // Run n_epochs of gradient descent from the lesson's start, exactly as training_loop does:
  // y_p = w*x + b; loss = mean((y_p - y)**2); stop if it is not finite; grad = the means of
  // 2*(y_p - y)*x and of 2*(y_p - y); params = params - learning_rate * grad.
  function train(data, lr, scaled, epochs) {
    var bowl = scaled ? data.scaled : data.given;
    var x = Float32Array.from(bowl.x), y = Float32Array.from(data.y), n = x.length;
    var squares = new Float32Array(n), dw = new Float32Array(n), db = new Float32Array(n);
    var w = f32(data.start[0]), b = f32(data.start[1]), rate = f32(lr);
    var losses = new Float32Array(epochs), path = new Float32Array(2 * epochs + 2);
    var done = 0, stopped = null;
    path[0] = w; path[1] = b;
    for (var epoch = 1; epoch <= epochs; epoch++) {
      for (var i = 0; i < n; i++) {
        var diff = f32(f32(f32(w * x[i]) + b) - y[i]);
        squares[i] = f32(diff * diff);
        db[i] = f32(2 * diff);          // dloss_fn * dmodel_db (1.0)
        dw[i] = f32(db[i] * x[i]);      // dloss_fn * dmodel_dw (x)
      }
      var loss = f32(sum(squares) / n);
      if (!isFinite(loss)) { stopped = { epoch: epoch, loss: loss }; break; }
      var gw = f32(sum(dw) / n), gb = f32(sum(db) / n);
      w = f32(w - f32(rate * gw));
      b = f32(b - f32(rate * gb));
      losses[epoch - 1] = loss;
      path[2 * epoch] = w; path[2 * epoch + 1] = b;
      done = epoch;
    }
    return { losses: losses.subarray(0, done), path: path.subarray(0, 2 * done + 2),
             stopped: stopped, w: w, b: b, bowl: bowl, epochs: epochs, lr: lr, scaled: scaled };
  }

  // ------------------------------------------------------------ numbers as Python prints them

  // A finite double as the integer n and k with value = n / 10^k, exactly.
  function exact(v) {
    var view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, Math.abs(v));
    var hi = view.getUint32(0), biased = (hi >>> 20) & 0x7ff;
    var m = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
    if (biased) m |= 1n << 52n; else biased = 1;
    var e = biased - 1075;
    return e >= 0 ? { n: m << BigInt(e), k: 0 } : { n: m * 5n ** BigInt(-e), k: -e };
  }

  // n / 10^drop, rounded half to even.
  function roundDrop(n, drop) {
    if (drop <= 0) return n * 10n ** BigInt(-drop);
    var div = 10n ** BigInt(drop), q = n / div, twice = 2n * (n % div);
    return twice > div || (twice === div && q % 2n === 1n) ? q + 1n : q;
  }

  function nonFinite(v) { return v !== v ? "nan" : v > 0 ? "inf" : "-inf"; }
  function sign(v) { return v < 0 || Object.is(v, -0) ? "-" : ""; }

  // Python's "%.{places}f" % v.
  function fixed(v, places) {
    if (!isFinite(v)) return nonFinite(v);
    var e = exact(v), digits = roundDrop(e.n, e.k - places).toString().padStart(places + 1, "0");
    var cut = digits.length - places;
    return sign(v) + digits.slice(0, cut) + (places ? "." + digits.slice(cut) : "");
  }

  // Python's "{:.{places}e}".format(v).
  function scientific(v, places) {
    if (!isFinite(v)) return nonFinite(v);
    var e = exact(v), power = 0, digits;
    if (e.n === 0n) {
      digits = "0".repeat(places + 1);
      power = -places;
    } else {
      var drop = e.n.toString().length - (places + 1);
      power = drop - e.k;
      digits = roundDrop(e.n, drop).toString();
      if (digits.length > places + 1) { digits = digits.slice(0, -1); power += 1; }
    }
    var exp = Math.abs(power + places).toString().padStart(2, "0");
    return sign(v) + digits[0] + (places ? "." + digits.slice(1) : "") + "e" + (power + places < 0 ? "-" : "+") + exp;
  }

  // The line training_loop prints for an epoch: its format ('Epoch %d, Loss %f') from lesson.py.
  function epochLine(format, epoch, loss) {
    return format.replace("%d", String(epoch)).replace("%f", fixed(loss, 6));
  }

  // repr() of a 1-d float32 tensor, as torch._tensor_str's _Formatter writes it.
  function tensorRepr(values, precision) {
    var shown = values.filter(function (v) { return isFinite(v) && v !== 0; });
    var intMode = true, sci = false, width = 1;
    if (shown.length) {
      var abs = shown.map(Math.abs), low = Math.min.apply(null, abs), high = Math.max.apply(null, abs);
      intMode = shown.every(function (v) { return v === Math.ceil(v); });
      sci = high / low > 1000 || high > 1e8 || low < 1e-4;
      shown.forEach(function (v) {
        var s = sci ? scientific(v, precision) : intMode ? fixed(v, 0) + "." : fixed(v, precision);
        width = Math.max(width, s.length);
      });
    }
    return "tensor([" + values.map(function (v) {
      var s = sci ? scientific(v, precision)
        : intMode ? fixed(v, 0) + (isFinite(v) ? "." : "") : fixed(v, precision);
      return " ".repeat(Math.max(0, width - s.length)) + s;
    }).join(", ") + "])";
  }

  // What training_loop prints: the first lines, the divergence message, the returned params.
  function printed(data, run) {
    var t = data.text, lines = [], shown = Math.min(run.losses.length, data.shown_lines);
    for (var i = 0; i < shown; i++) lines.push(epochLine(data.epoch_line, i + 1, run.losses[i]));
    var hidden = run.losses.length - shown;
    if (hidden > 0) lines.push(fill(t.more, { count: hidden }));
    if (run.stopped) {
      lines.push(fill(data.diverged, { epoch: run.stopped.epoch, loss: nonFinite(run.stopped.loss) }));
    }
    lines.push(tensorRepr([run.w, run.b], data.precision));
    return lines.join("\n");
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  // A number for a sentence: three significant digits, e+ notation only when huge or tiny.
  function short(v) {
    if (!isFinite(v)) return nonFinite(v);
    var a = Math.abs(v);
    return a >= 1e6 || (a && a < 1e-4) ? v.toExponential(2) : String(Number(v.toPrecision(3)));
  }

  // ------------------------------------------------------------ the outcome, in words

  // How a run ends: stopped (not finite), grows (over 2/λmax), converges (within the
  // tolerance of the least loss from an epoch on) or crawls; `at` is the epoch it names: the
  // last before the loss grows, or the first within the tolerance.
  function outcome(data, run) {
    var losses = run.losses, n = losses.length, least = run.bowl.least_loss, lowest = 0, within = -1;
    for (var i = 0; i < n; i++) {
      if (losses[i] < losses[lowest]) lowest = i;
      if (within < 0 && losses[i] <= (1 + data.tolerance) * least) within = i;
    }
    if (run.stopped) return { kind: "stopped", at: lowest + 1 };
    // Below 2/λmax the loss of gradient descent on a quadratic only goes down: growth beyond
    // float32 noise near the minimum means divergence.
    if (losses[n - 1] > (1 + data.tolerance) * losses[lowest]) return { kind: "grows", at: lowest + 1 };
    return within >= 0 ? { kind: "converges", at: within + 1 } : { kind: "crawls" };
  }

  // The verdict, by the rule of figure 1's titles (tutorial_pkg.figures.verdict): a run that has
  // not yet converged or diverged is trained on to the lesson's longest run to see which it does.
  function summary(data, run) {
    var t = data.text, losses = run.losses, n = losses.length, least = run.bowl.least_loss;
    var now = outcome(data, run), later = now, values = {
      n: n, loss: short(losses[n - 1]), least: short(least), ratio: short(losses[n - 1] / least),
      tolerance: short(100 * data.tolerance) + "%", longest: data.longest };
    if (now.kind === "crawls" && n < data.longest) later = outcome(data, train(data, run.lr, run.scaled, data.longest));
    if (now.kind === "stopped") return fill(t.stopped, { epoch: run.stopped.epoch, loss: nonFinite(run.stopped.loss) });
    values.epoch = later.at;
    if (later !== now) return fill(later.kind === "converges" ? t.converges_later
                                   : later.kind === "crawls" ? t.crawls : t.grows_later, values);
    return fill(t[now.kind], now.kind === "grows" ? { epoch: now.at, n: n, loss: values.loss } : values);
  }

  // ------------------------------------------------------------ drawing (SVG by hand)

  var W = 320, H = 230, M = { left: 46, right: 16, top: 10, bottom: 34 };

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A linear map from [lo, hi] onto [a, b].
  function scale(lo, hi, a, b) {
    return function (v) { return a + (v - lo) / (hi - lo) * (b - a); };
  }

  // The part of segment p-q inside box [x0, x1, y0, y1] (Liang-Barsky), or null.
  function clip(px, py, qx, qy, box) {
    var t0 = 0, t1 = 1, dx = qx - px, dy = qy - py;
    for (var i = 0; i < 4; i++) {
      var p = i === 0 ? -dx : i === 1 ? dx : i === 2 ? -dy : dy;
      var q = i === 0 ? px - box[0] : i === 1 ? box[1] - px : i === 2 ? py - box[2] : box[3] - py;
      if (p === 0) { if (q < 0) return null; continue; }
      var r = q / p;
      if (p < 0) { if (r > t1) return null; if (r > t0) t0 = r; }
      else { if (r < t0) return null; if (r < t1) t1 = r; }
    }
    return [px + t0 * dx, py + t0 * dy, px + t1 * dx, py + t1 * dy];
  }

  // An SVG path through screen points, clipped to the frame (a little beyond it). Points less
  // than half a pixel from the last one kept are left out: 5000 epochs draw fast.
  function polyline(xs, ys, frame) {
    var box = [frame.x - 5, frame.x + frame.w + 5, frame.y - 5, frame.y + frame.h + 5];
    var kx = [xs[0]], ky = [ys[0]], last = xs.length - 1;
    for (var i = 1; i <= last; i++) {
      if (i === last || Math.abs(xs[i] - kx[kx.length - 1]) > 0.5 || Math.abs(ys[i] - ky[ky.length - 1]) > 0.5) {
        kx.push(xs[i]); ky.push(ys[i]);
      }
    }
    var d = [], endX = NaN, endY = NaN;  // where the last segment drawn ended
    for (i = 1; i < kx.length; i++) {
      var s = clip(kx[i - 1], ky[i - 1], kx[i], ky[i], box);
      if (!s || s.some(isNaN)) { endX = NaN; continue; }
      if (s[0] !== endX || s[1] !== endY) d.push("M" + s[0].toFixed(1) + " " + s[1].toFixed(1));
      d.push("L" + s[2].toFixed(1) + " " + s[3].toFixed(1));
      endX = s[2]; endY = s[3];
    }
    return d.join("");
  }

  var FRAME = { x: M.left, y: M.top, w: W - M.left - M.right, h: H - M.top - M.bottom };

  function axes(svg, frame, xLabel, yLabel, xTicks, yTicks) {
    var g = el("g", { "class": "axes" }), bottom = frame.y + frame.h, middle = frame.y + frame.h / 2;
    g.appendChild(el("rect", { x: frame.x, y: frame.y, width: frame.w, height: frame.h }));
    xTicks.forEach(function (tick) {
      g.appendChild(el("line", { x1: tick[0], x2: tick[0], y1: bottom, y2: bottom + 4 }));
      g.appendChild(el("text", { x: tick[0], y: bottom + 15, "text-anchor": "middle" }, tick[1]));
    });
    yTicks.forEach(function (tick) {
      g.appendChild(el("line", { x1: frame.x - 4, x2: frame.x, y1: tick[0], y2: tick[0] }));
      g.appendChild(el("text", { x: frame.x - 6, y: tick[0] + 4, "text-anchor": "end" }, tick[1]));
    });
    g.appendChild(el("text", { x: frame.x + frame.w / 2, y: H - 3, "text-anchor": "middle" }, xLabel));
    var at = frame.x - 35;
    g.appendChild(el("text", { x: at, y: middle, "text-anchor": "middle",
                               transform: "rotate(-90 " + at + " " + middle + ")" }, yLabel));
    svg.appendChild(g);
  }

  // Ticks at round numbers (1, 2, 5 times a power of ten) between lo and hi, mapped to the screen.
  function ticks(lo, hi, count, map) {
    if (!(hi > lo)) return [[map(lo), String(lo)]];
    var step = Math.pow(10, Math.floor(Math.log10((hi - lo) / count)));
    var err = (hi - lo) / count / step;
    step *= err >= 5 ? 10 : err >= 2 ? 5 : err >= 1.5 ? 2 : 1;
    var found = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
      var round = Number(v.toPrecision(12));
      found.push([map(round), String(round)]);
    }
    return found;
  }

  function start(svg) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
  }

  function drawLoss(svg, data, run) {
    start(svg);
    var t = data.text, losses = run.losses, n = run.epochs, least = Math.log10(run.bowl.least_loss);
    var lo = least, hi = least + 1, i;
    for (i = 0; i < losses.length; i++) {
      var v = Math.log10(losses[i]);
      if (v > hi) hi = v;
      if (v < lo) lo = v;
    }
    lo = Math.floor(lo); hi = Math.ceil(hi);
    var sx = scale(1, Math.max(n, 2), FRAME.x, FRAME.x + FRAME.w), sy = scale(lo, hi, FRAME.y + FRAME.h, FRAME.y);
    var every = Math.ceil((hi - lo) / 6), yTicks = [];
    for (var p = lo; p <= hi; p += every) yTicks.push([sy(p), "1e" + p]);
    axes(svg, FRAME, t.epoch, t.loss, ticks(1, n, 4, sx).filter(function (tick) {
      return Number(tick[1]) === Math.round(Number(tick[1]));
    }), yTicks);
    svg.appendChild(el("line", { "class": "least", x1: FRAME.x, x2: FRAME.x + FRAME.w, y1: sy(least), y2: sy(least) }))
      .appendChild(el("title", {}, t.least));
    var xs = [], ys = [];
    for (i = 0; i < losses.length; i++) { xs.push(sx(i + 1)); ys.push(sy(Math.log10(losses[i]))); }
    svg.appendChild(el("path", { "class": "run", d: polyline(xs, ys, FRAME) }));
    if (losses.length <= 20) {
      for (i = 0; i < losses.length; i++) svg.appendChild(el("circle", { "class": "dot", cx: xs[i], cy: ys[i], r: 2.5 }));
    }
  }

  // The loss is quadratic in (w, b): L = least + (p - p*)' H (p - p*) / 2, so each contour is
  // an ellipse around the minimum p*; along a direction u it lies at r = sqrt(2 (L - least) / u'Hu).
  function contour(bowl, level, sx, sy) {
    var h = bowl.hessian, m = bowl.minimum, pts = [];
    for (var k = 0; k < 96; k++) {
      var a = 2 * Math.PI * k / 96, u = Math.cos(a), v = Math.sin(a);
      var r = Math.sqrt(2 * (level - bowl.least_loss) / (h[0][0] * u * u + 2 * h[0][1] * u * v + h[1][1] * v * v));
      pts.push(sx(m[0] + r * u).toFixed(1) + " " + sy(m[1] + r * v).toFixed(1));
    }
    return "M" + pts.join("L") + "Z";
  }

  function drawPath(svg, data, run, scaled) {
    start(svg);
    var t = data.text, bowl = run.bowl, s = data.start, m = bowl.minimum;
    // A square view (a unit of w as long as a unit of b) around the start and the minimum.
    var span = 1.5 * Math.max(Math.abs(m[0] - s[0]), Math.abs(m[1] - s[1]));
    var cw = (m[0] + s[0]) / 2, cb = (m[1] + s[1]) / 2, side = Math.min(FRAME.w, FRAME.h);
    var frame = { x: FRAME.x + (FRAME.w - side) / 2, y: FRAME.y, w: side, h: side };
    var sx = scale(cw - span / 2, cw + span / 2, frame.x, frame.x + side);
    var sy = scale(cb - span / 2, cb + span / 2, frame.y + side, frame.y);
    svg.appendChild(el("clipPath", { id: "lr-explorer-clip" })).appendChild(
      el("rect", { x: frame.x, y: frame.y, width: side, height: side }));
    if (!bowl.contours) {  // the same for every learning rate: drawn once for each x
      bowl.contours = [];
      for (var p = Math.floor(Math.log10(bowl.least_loss)); p <= 6; p++) {
        [1, 2, 5].forEach(function (f) {
          var level = f * Math.pow(10, p);
          if (level > bowl.least_loss * 1.05) bowl.contours.push(contour(bowl, level, sx, sy));
        });
      }
    }
    svg.appendChild(el("path", { "class": "contours", "clip-path": "url(#lr-explorer-clip)", d: bowl.contours.join("") }));
    axes(svg, frame, scaled ? t.w_scaled : "w", "b", ticks(cw - span / 2, cw + span / 2, 4, sx),
         ticks(cb - span / 2, cb + span / 2, 4, sy));
    var xs = [], ys = [];
    for (var i = 0; i < run.path.length; i += 2) { xs.push(sx(run.path[i])); ys.push(sy(run.path[i + 1])); }
    svg.appendChild(el("path", { "class": "run", d: polyline(xs, ys, frame) }));
    if (xs.length <= 21) {
      for (i = 1; i < xs.length; i++) svg.appendChild(el("circle", { "class": "dot", cx: xs[i], cy: ys[i], r: 2 }));
    }
    svg.appendChild(el("rect", { "class": "start", x: sx(s[0]) - 4, y: sy(s[1]) - 4, width: 8, height: 8 }))
      .appendChild(el("title", {}, t.start));
    svg.appendChild(el("text", { "class": "minimum", x: sx(m[0]), y: sy(m[1]) + 5, "text-anchor": "middle" }, "★"))
      .appendChild(el("title", {}, t.minimum));
  }

  function drawLine(svg, data, run, scaled) {
    start(svg);
    var t = data.text, given = data.given.x, y = data.y, lm = data.given.minimum;
    var x0 = Math.min.apply(null, given) - 2, x1 = Math.max.apply(null, given) + 2;
    var y0 = Math.min.apply(null, y), y1 = Math.max.apply(null, y), pad = 0.15 * (y1 - y0);
    y0 -= pad; y1 += pad;
    var sx = scale(x0, x1, FRAME.x, FRAME.x + FRAME.w), sy = scale(y0, y1, FRAME.y + FRAME.h, FRAME.y);
    axes(svg, FRAME, "x", "y", ticks(x0, x1, 5, sx), ticks(y0, y1, 5, sy));
    svg.appendChild(el("path", { "class": "least", d: polyline([sx(x0), sx(x1)], [sy(lm[0] * x0 + lm[1]), sy(lm[0] * x1 + lm[1])], FRAME) }))
      .appendChild(el("title", {}, t.least));
    // The run's model is w * (factor * x) + b: a line in the raw x of slope w * factor.
    var w = run.w * (scaled ? data.factor : 1);
    svg.appendChild(el("path", { "class": "run", d: polyline([sx(x0), sx(x1)], [sy(w * x0 + run.b), sy(w * x1 + run.b)], FRAME) }));
    for (var i = 0; i < given.length; i++) svg.appendChild(el("circle", { "class": "data", cx: sx(given[i]), cy: sy(y[i]), r: 3 }));
  }

  // ------------------------------------------------------------ the controls and the URL

  function explorer(root) {
    var data = JSON.parse(root.getAttribute("data-explorer"));
    var t = data.text, low = data.lr_decades[0], high = data.lr_decades[1];
    var q = function (sel) { return root.querySelector(sel); };
    var range = q("[data-explorer-range]"), lrInput = q("[data-explorer-lr]"), epochsInput = q("[data-explorer-epochs]");
    var radios = root.querySelectorAll("[data-explorer-x]"), log = q("[data-explorer-log]");
    var summaryBox = q("[data-explorer-summary]");
    var first = data.presets[Object.keys(data.presets)[0]];
    var state = { lr: first.lr, scaled: first.scaled, epochs: first.epochs };

    function position(lr) { return (Math.log10(lr) - low) / (high - low); }

    // The slider's scale: decades, and a mark at 2/λmax for each x (the current one stronger).
    var marks = q("[data-explorer-scale]");
    for (var p = low; p <= high; p++) {
      var tick = document.createElement("span");
      tick.className = "decade";
      tick.style.setProperty("--at", position(Math.pow(10, p)));
      tick.textContent = "1e" + p;
      marks.appendChild(tick);
    }
    ["given", "scaled"].forEach(function (which) {
      var mark = document.createElement("span");
      mark.className = "critical";
      mark.setAttribute("data-x", which);
      mark.style.setProperty("--at", Math.min(1, position(data[which].critical)));
      mark.textContent = "▲";
      marks.appendChild(mark);
    });
    q("[data-explorer-critical] span").textContent = fill(t.critical, {
      raw: short(data.given.critical), scaled: short(data.scaled.critical), scaled_name: data.scaled_name });

    function error(which, message) {
      var box = q('[data-explorer-error="' + which + '"]'), input = which === "lr" ? lrInput : epochsInput;
      box.textContent = message || "";
      if (message) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    }

    function render() {
      var run = train(data, state.lr, state.scaled, state.epochs);
      log.textContent = printed(data, run);
      summaryBox.textContent = summary(data, run);
      drawLoss(q('[data-explorer-plot="loss"]'), data, run);
      drawPath(q('[data-explorer-plot="path"]'), data, run, state.scaled);
      drawLine(q('[data-explorer-plot="line"]'), data, run, state.scaled);
      range.value = Math.log10(state.lr);
      range.setAttribute("aria-valuetext", String(state.lr));
      if (!lrInput.hasAttribute("aria-invalid")) lrInput.value = String(state.lr);
      if (!epochsInput.hasAttribute("aria-invalid")) epochsInput.value = state.epochs;
      radios.forEach(function (r) { r.checked = (r.value === "scaled") === state.scaled; });
      root.setAttribute("data-x", state.scaled ? "scaled" : "given");
    }

    // A change by the reader: redraw, and keep the state in the URL, to share.
    function set(changes) {
      for (var key in changes) state[key] = changes[key];
      render();
      var hash = "#lr=" + state.lr + "&x=" + (state.scaled ? "scaled" : "given") + "&epochs=" + state.epochs;
      if (location.hash !== hash) history.replaceState(null, "", hash);
    }

    // A number as typed, full-width digits, point and minus too (a Chinese keyboard in
    // full-width mode types "０.００３", its Chinese point is "。"), in ASCII.
    function ascii(text) {
      return String(text).normalize("NFKC").replace(/\u3002/g, ".").replace(/\u2212/g, "-").trim();
    }

    // A learning rate as typed: a positive finite number on the slider, or what is wrong with it.
    function lrOf(text) {
      var s = ascii(text), v = Number(s);
      if (!s) return t.empty_lr;
      if (!/^[+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) || !isFinite(v) || v <= 0) return fill(t.bad_lr, { value: text });
      if (v < Math.pow(10, low) || v > Math.pow(10, high)) return fill(t.range_lr, { value: text, low: "1e" + low, high: "1e" + high });
      return v;
    }

    function epochsOf(text) {
      var s = ascii(text), v = Number(s);
      if (!s) return t.empty_epochs;
      return /^\d+$/.test(s) && v >= 1 && v <= data.epochs_max ? v : fill(t.bad_epochs, { value: text });
    }

    // The state in a URL hash, "#lr=0.006&x=given&epochs=10"; null if it is not one.
    function parse(hash) {
      var params = new URLSearchParams(hash.replace(/^#/, ""));
      var lr = lrOf(params.get("lr") || ""), epochs = epochsOf(params.get("epochs") || String(first.epochs));
      var x = params.get("x") || "given";
      if (typeof lr !== "number" || typeof epochs !== "number" || (x !== "given" && x !== "scaled")) return null;
      return { lr: lr, scaled: x === "scaled", epochs: epochs };
    }

    range.addEventListener("input", function () {
      error("lr");
      set({ lr: Number(Math.pow(10, Number(range.value)).toPrecision(3)) });
    });
    function applyLr() {
      var lr = lrOf(lrInput.value);
      if (typeof lr !== "number") { error("lr", lr); return; }
      error("lr");
      if (lr !== state.lr) set({ lr: lr });
    }
    function applyEpochs() {
      var epochs = epochsOf(epochsInput.value);
      if (typeof epochs !== "number") { error("epochs", epochs); return; }
      error("epochs");
      if (epochs !== state.epochs) set({ epochs: epochs });
    }
    [[lrInput, applyLr], [epochsInput, applyEpochs]].forEach(function (pair) {
      pair[0].addEventListener("change", pair[1]);
      pair[0].addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); pair[1](); } });
    });
    radios.forEach(function (r) {
      r.addEventListener("change", function () { if (r.checked) set({ scaled: r.value === "scaled" }); });
    });
    root.querySelectorAll("[data-preset]").forEach(function (button) {
      button.addEventListener("click", function () {
        var preset = data.presets[button.getAttribute("data-preset")];
        error("lr"); error("epochs");
        set({ lr: preset.lr, scaled: preset.scaled, epochs: preset.epochs });
      });
    });
    window.addEventListener("hashchange", function () {
      var shared = parse(location.hash);
      if (shared) { error("lr"); error("epochs"); set(shared); }
    });

    var shared = parse(location.hash);
    if (shared) state = shared;
    root.hidden = false;
    render();
    if (shared) root.scrollIntoView();
  }

  document.querySelectorAll("[data-explorer]").forEach(explorer);
})();
