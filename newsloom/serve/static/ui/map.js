// The events world map: land outlines from the locally served world-atlas TopoJSON,
// drawn as SVG paths with an equirectangular projection (x = lon + 180, y = 90 - lat).
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";

  function ringPath(ring) {
    return ring
      .map(function (point, i) {
        const x = (point[0] + 180).toFixed(2);
        const y = (90 - point[1]).toFixed(2);
        return (i === 0 ? "M" : "L") + x + "," + y;
      })
      .join("") + "Z";
  }

  function geometryPath(geometry) {
    if (!geometry) {
      return "";
    }
    if (geometry.type === "Polygon") {
      return geometry.coordinates.map(ringPath).join("");
    }
    if (geometry.type === "MultiPolygon") {
      return geometry.coordinates
        .map(function (polygon) {
          return polygon.map(ringPath).join("");
        })
        .join("");
    }
    if (geometry.type === "GeometryCollection") {
      return geometry.geometries.map(geometryPath).join("");
    }
    return "";
  }

  function setStatus(text) {
    const status = document.getElementById("map-status");
    if (status) {
      status.textContent = text;
    }
  }

  function drawMap() {
    const svg = document.getElementById("world-map");
    if (!svg) {
      return;
    }
    const source = svg.dataset.land;
    if (!source || typeof window.topojson === "undefined") {
      svg.classList.add("map-unavailable");
      setStatus("Map outline unavailable (assets not installed); events are listed below.");
      return;
    }
    fetch(source)
      .then(function (response) {
        if (!response.ok) {
          throw new Error("map data: HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (topology) {
        const land = window.topojson.feature(topology, topology.objects.land);
        const features = land.type === "FeatureCollection" ? land.features : [land];
        const path = document.createElementNS(SVG, "path");
        path.setAttribute("class", "land");
        path.setAttribute("d", features.map(function (f) {
          return geometryPath(f.geometry);
        }).join(""));
        svg.appendChild(path);
        svg.classList.add("map-drawn");
      })
      .catch(function () {
        svg.classList.add("map-unavailable");
        setStatus("Map outline could not be loaded.");
      });
  }

  document.addEventListener("DOMContentLoaded", drawMap);
})();
