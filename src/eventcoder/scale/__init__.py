"""Scale-out: worker processes on one machine (`pool`) and a Dask cluster (`dask_path`)."""
