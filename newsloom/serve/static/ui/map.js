// The world map (events and places pages): land outlines from the locally served world-atlas TopoJSON,
// drawn as SVG paths with an equirectangular projection (x = lon + 180, y = 90 - lat).
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";

  // A ring that crosses the antimeridian is unwrapped (longitudes continue past 180
  // instead of jumping back) and the land is drawn three times, shifted by 360 degrees,
  // so each side of the cut shows without a stray line across the map.
  function ringPath(ring) {
    let shift = 0;
    let previous = null;
    return ring
      .map(function (point, i) {
        if (previous !== null) {
          const jump = point[0] - previous;
          if (jump > 180) {
            shift -= 360;
          } else if (jump < -180) {
            shift += 360;
          }
        }
        previous = point[0];
        const x = (point[0] + shift + 180).toFixed(2);
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
        const d = features.map(function (f) {
          return geometryPath(f.geometry);
        }).join("");
        // Land goes under the server-rendered markers (the first `g.markers`), if any.
        const markers = svg.querySelector("g.markers");
        [-360, 0, 360].forEach(function (offset) {
          const path = document.createElementNS(SVG, "path");
          path.setAttribute("class", "land");
          path.setAttribute("d", d);
          path.setAttribute("transform", "translate(" + offset + " 0)");
          svg.insertBefore(path, markers);
        });
        svg.classList.add("map-drawn");
      })
      .catch(function () {
        svg.classList.add("map-unavailable");
        setStatus("Map outline could not be loaded.");
      });
  }

  document.addEventListener("DOMContentLoaded", drawMap);
})();
