// newsloom web UI: charts drawn from the data tables, and the evidence popover.
// Everything shown comes from the page's own DOM and is set with textContent only.
"use strict";

(function () {
  function tableRows(table) {
    const labels = [];
    const values = [];
    table.querySelectorAll("tbody tr").forEach(function (row) {
      const label = row.querySelector("th");
      const value = row.querySelector("td");
      if (label && value) {
        labels.push(label.textContent.trim());
        values.push(Number(value.textContent.trim()) || 0);
      }
    });
    return { labels: labels, values: values };
  }

  function drawCharts() {
    if (typeof window.Chart !== "function") {
      return; // no chart library installed: the tables stay visible
    }
    document.querySelectorAll("figure.chart").forEach(function (figure) {
      const table = figure.querySelector("table.chart-data");
      if (!table) {
        return;
      }
      const data = tableRows(table);
      const holder = document.createElement("div");
      holder.className = "chart-canvas";
      const canvas = document.createElement("canvas");
      canvas.setAttribute("aria-label", figure.dataset.label || "chart");
      canvas.setAttribute("role", "img");
      holder.appendChild(canvas);
      figure.insertBefore(holder, table);
      table.classList.add("visually-hidden");
      figure.classList.add("chart-drawn");
      new window.Chart(canvas, {
        type: figure.dataset.chart === "line" ? "line" : "bar",
        data: {
          labels: data.labels,
          datasets: [
            {
              label: figure.dataset.label || "",
              data: data.values,
              backgroundColor: "#3b6ea5",
              borderColor: "#3b6ea5",
            },
          ],
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
    });
  }

  function popover() {
    return document.getElementById("popover");
  }

  function showEvidence(mark) {
    const box = popover();
    if (!box) {
      return;
    }
    box.replaceChildren();
    const rows = [
      ["", mark.dataset.label],
      ["Evidence", "“" + (mark.dataset.evidence || "") + "”"],
      ["Confidence", mark.dataset.confidence],
    ];
    rows.forEach(function (pair) {
      const line = document.createElement("div");
      if (pair[0]) {
        const name = document.createElement("strong");
        name.textContent = pair[0] + ": ";
        line.appendChild(name);
      } else {
        line.className = "popover-title";
      }
      line.appendChild(document.createTextNode(pair[1] || ""));
      box.appendChild(line);
    });
    const link = mark.dataset.link;
    if (link && link.charAt(0) === "/" && link.charAt(1) !== "/") {
      const a = document.createElement("a");
      a.href = link;
      a.textContent = "More about this entity";
      box.appendChild(a);
    }
    const rect = mark.getBoundingClientRect();
    box.hidden = false;
    box.style.top = String(window.scrollY + rect.bottom + 6) + "px";
    box.style.left = String(Math.max(8, window.scrollX + rect.left)) + "px";
    document.querySelectorAll("mark.hl.active").forEach(function (m) {
      m.classList.remove("active");
    });
    mark.classList.add("active");
  }

  function wireEvidence() {
    document.addEventListener("click", function (event) {
      const target = event.target instanceof Element ? event.target : null;
      const box = popover();
      if (target && box && box.contains(target)) {
        return;
      }
      const mark = target ? target.closest("mark.hl[data-kind]") : null;
      if (mark) {
        event.stopPropagation();
        showEvidence(mark);
      } else if (box) {
        box.hidden = true;
      }
    });
    document.addEventListener("keydown", function (event) {
      const target = event.target instanceof Element ? event.target : null;
      if (event.key === "Escape" && popover()) {
        popover().hidden = true;
      } else if (event.key === "Enter" && target && target.matches("mark.hl[data-kind]")) {
        showEvidence(target);
      }
    });
  }

  // The legend's checkboxes show or hide the highlights of one kind of fact; following a
  // fact's "in text" link shows its kind again, so the link never lands on a hidden mark.
  function wireToggles() {
    const text = document.getElementById("article-text");
    if (!text) {
      return;
    }
    const boxes = document.querySelectorAll(".hl-toggle input[data-toggle]");
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        text.classList.toggle("hide-" + box.dataset.toggle, !box.checked);
      });
    });
    function reveal() {
      const id = decodeURIComponent(window.location.hash.slice(1));
      const mark = id ? document.getElementById(id) : null;
      if (!mark || !mark.matches("mark.hl[data-kind]")) {
        return;
      }
      const kind = mark.dataset.kind;
      text.classList.remove("hide-" + kind);
      boxes.forEach(function (box) {
        if (box.dataset.toggle === kind) {
          box.checked = true;
        }
      });
      mark.classList.add("active");
    }
    window.addEventListener("hashchange", reveal);
    reveal();
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts();
    wireEvidence();
    wireToggles();
  });
})();
