new Date(2020, 1, 29).toISOString() + Date.UTC(1970) + new Date(NaN)
