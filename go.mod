module renkei

go 1.26.8

require (
	github.com/gocarina/gocsv v0.0.0-20240520201108-78e41c74b4b1
	github.com/kelseyhightower/envconfig v1.4.0
	golang.org/x/text v0.43.0
	gonum.org/v1/gonum v0.17.0
)
