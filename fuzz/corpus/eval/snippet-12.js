JSON.stringify(JSON.parse('{"a":[1,2,{"b":null}]}'), null, 2)
