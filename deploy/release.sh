#!/bin/sh
# Run once per `docker compose up`, before the web replicas start: migrations, then the demo content
# when DEMO=1, then a renewal of the page cache (no page made by the previous code outlives the
# deploy). Replicas never migrate themselves, so two of them cannot race on the schema.
set -eu
cd "$(dirname "$0")/.."

python manage.py migrate --no-input
if [ "${DEMO:-0}" = "1" ]; then
  python manage.py load_demo
fi
python manage.py renew_page_cache
