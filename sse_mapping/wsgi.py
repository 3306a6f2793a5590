"""The WSGI callable, `application`, that gunicorn serves.

The objects loaded at start (Django, the apps, their modules) live as long as the
process: they are moved out of the cycle collector's sight (`gc.freeze`), so that its
passes during a request look only at what the request made.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sse_mapping.settings")

application = get_wsgi_application()

gc.collect()
gc.freeze()
