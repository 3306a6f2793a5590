from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class StaticFilesConfig(BaseStaticFilesConfig):
    # The packaged marker-cluster script names a source map its package lacks, which
    # the manifest storage refuses; only the package's stylesheets are used.
    ignore_patterns = [
        *BaseStaticFilesConfig.ignore_patterns,
        "leaflet.markercluster.js",
    ]
