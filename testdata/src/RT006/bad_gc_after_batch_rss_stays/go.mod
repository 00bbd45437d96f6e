module example.com/bad_gc_after_batch_rss_stays

go 1.19
